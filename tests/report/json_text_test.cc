#include "report/json_text.h"

#include <gtest/gtest.h>

namespace keyshift::report {
namespace {

std::string jsonText(std::string_view s) {
  std::string out;
  appendJsonText(out, s);
  return out;
}

TEST(JsonTextTest, Base64PadsToWholeQuads) {
  EXPECT_EQ(base64Encode(""), "");
  EXPECT_EQ(base64Encode("f"), "Zg==");
  EXPECT_EQ(base64Encode("fo"), "Zm8=");
  EXPECT_EQ(base64Encode("foo"), "Zm9v");
  EXPECT_EQ(base64Encode("\xFF\xFE"), "//4=");
}

TEST(JsonTextTest, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(jsonText("say \"hi\"\\\n\r\t\b\f\x01\x7F"),
            "\"say \\\"hi\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u007f\"");
}

TEST(JsonTextTest, ValidUtf8IsCopiedAsIs) {
  EXPECT_EQ(jsonText("caf\xC3\xA9 \xF0\x9F\x94\x91"),
            "\"caf\xC3\xA9 \xF0\x9F\x94\x91\"");
}

TEST(JsonTextTest, InvalidUtf8BecomesBase64Bytes) {
  EXPECT_EQ(jsonText("a\xFF"
                     "b"),
            "{\"bytes\":\"Yf9i\"}");
}

TEST(JsonTextTest, TruncatedSequenceIsInvalid) {
  EXPECT_EQ(jsonText("\xC3"), "{\"bytes\":\"ww==\"}");
}

TEST(JsonTextTest, EscapeInvalidUtf8SpellsBadBytes) {
  EXPECT_EQ(escapeInvalidUtf8("a\xFF\xC3\xA9\xED\xA0\x80z"),
            "a\\xFF\xC3\xA9\\xED\\xA0\\x80z");
}

} // namespace
} // namespace keyshift::report
