#include "match/cpp/skipped_literals.h"

#include <gtest/gtest.h>

namespace keyshift::cpp {
namespace {

std::vector<std::string> tokens(std::string_view text) {
  std::vector<std::string> out;
  for (const SkippedLiteral &l : skippedStringLiterals(text))
    out.push_back(std::string(text.substr(l.offset, l.length)) + "=" + l.value);
  return out;
}

TEST(SkippedLiteralsTest, FindsLiteralsWithTheirPrefixes) {
  EXPECT_EQ(tokens("f(\"a\", L\"b\", u8\"c\", U\"d\");"),
            (std::vector<std::string>{"\"a\"=a", "L\"b\"=b", "u8\"c\"=c",
                                      "U\"d\"=d"}));
}

TEST(SkippedLiteralsTest, RawStrings) {
  EXPECT_EQ(tokens("auto u = R\"x(https://a \"q\" )\" b)x\"; auto v = "
                   "u8R\"(c)\";"),
            (std::vector<std::string>{"R\"x(https://a \"q\" )\" b)x\"="
                                      "https://a \"q\" )\" b",
                                      "u8R\"(c)\"=c"}));
}

TEST(SkippedLiteralsTest, SkipsCommentsAndCharacterLiterals) {
  EXPECT_EQ(tokens("// \"not\" this\n/* \"nor\n this\" */ char q = '\"'; "
                   "int n = 1'000; const char *s = \"yes\";"),
            (std::vector<std::string>{"\"yes\"=yes"}));
}

TEST(SkippedLiteralsTest, UnescapesQuotesAndDropsUnterminated) {
  EXPECT_EQ(tokens("#error don't \"use\nx = \"a\\\"b\\\\\";"),
            (std::vector<std::string>{"\"a\\\"b\\\\\"=a\"b\\"}));
  EXPECT_EQ(tokens("#error \"unterminated\n\"ok\""),
            (std::vector<std::string>{"\"ok\"=ok"}));
}

TEST(SkippedLiteralsTest, OffsetsPointAtTheToken) {
  std::string_view text = "  x = L\"https://api.openai.com/v1\";";
  std::vector<SkippedLiteral> lits = skippedStringLiterals(text);
  ASSERT_EQ(lits.size(), 1u);
  EXPECT_EQ(lits[0].offset, 6u);
  EXPECT_EQ(text.substr(lits[0].offset, lits[0].length),
            "L\"https://api.openai.com/v1\"");
}

} // namespace
} // namespace keyshift::cpp
