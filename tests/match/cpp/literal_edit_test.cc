#include "match/cpp/literal_edit.h"

#include <gtest/gtest.h>

namespace keyshift::cpp {
namespace {

const std::vector<std::string> kPrefixes = {
    "https://api.openai.com/v1", "http://api.openai.com/v1",
    "https://api.openai.com", "http://api.openai.com"};

std::string applied(std::string token, const UrlRewrite &rw) {
  for (auto it = rw.edits.rbegin(); it != rw.edits.rend(); ++it)
    token.replace(it->offset, it->length, it->replacement);
  return token;
}

std::string rewrite(const std::string &token,
                    const std::string &base = "https://proxy.example/v1") {
  std::optional<SpelledLiteral> lit = parseStringLiteralToken(token);
  EXPECT_TRUE(lit.has_value()) << token;
  if (!lit)
    return "";
  UrlRewrite rw = rewriteUrlPrefixes(token, *lit, kPrefixes, base);
  if (rw.status == UrlRewriteStatus::NeedsReview)
    return "<needs-review>";
  if (rw.status == UrlRewriteStatus::NoOpenAiHost)
    return "<none>";
  return applied(token, rw);
}

TEST(LiteralEditTest, ParsesPlainLiteral) {
  std::optional<SpelledLiteral> lit = parseStringLiteralToken("\"a\\\"b\"");
  ASSERT_TRUE(lit);
  EXPECT_EQ(lit->encoding, "");
  EXPECT_FALSE(lit->raw);
  EXPECT_EQ(lit->body_offset, 1u);
  EXPECT_EQ(lit->body_length, 4u);
}

TEST(LiteralEditTest, ParsesRawLiteralWithDelimiterAndEncoding) {
  std::optional<SpelledLiteral> lit =
      parseStringLiteralToken("u8R\"xy(a)\"b)xy\"");
  ASSERT_TRUE(lit);
  EXPECT_EQ(lit->encoding, "u8");
  EXPECT_TRUE(lit->raw);
  EXPECT_EQ(lit->delimiter, "xy");
  EXPECT_EQ(lit->body_offset, 7u);
  EXPECT_EQ(lit->body_length, 4u);
}

TEST(LiteralEditTest, RejectsNonLiteral) {
  EXPECT_FALSE(parseStringLiteralToken("kUrl"));
  EXPECT_FALSE(parseStringLiteralToken("\"unterminated"));
  EXPECT_FALSE(parseStringLiteralToken("R\"x(no end"));
}

TEST(LiteralEditTest, EncodesQuotesAndBackslashesForOrdinaryLiterals) {
  SpelledLiteral plain;
  EXPECT_EQ(encodeForLiteral("a\"b\\c", plain), "a\\\"b\\\\c");
}

TEST(LiteralEditTest, RawLiteralCannotHoldItsClosingSequence) {
  SpelledLiteral raw;
  raw.raw = true;
  raw.delimiter = "x";
  EXPECT_EQ(encodeForLiteral("a\"b", raw), "a\"b");
  EXPECT_FALSE(encodeForLiteral("a)x\"b", raw));
}

TEST(LiteralEditTest, ReplacesVersionedPrefixKeepingPath) {
  EXPECT_EQ(rewrite("\"https://api.openai.com/v1/chat/completions\""),
            "\"https://proxy.example/v1/chat/completions\"");
}

TEST(LiteralEditTest, KeepsRawAndEncodingPrefix) {
  EXPECT_EQ(rewrite("u8R\"(https://api.openai.com/v1/models)\""),
            "u8R\"(https://proxy.example/v1/models)\"");
  EXPECT_EQ(rewrite("L\"http://api.openai.com/v1\""),
            "L\"https://proxy.example/v1\"");
}

TEST(LiteralEditTest, BareOriginMapsToBaseWithoutV1) {
  EXPECT_EQ(rewrite("\"https://api.openai.com\""), "\"https://proxy.example\"");
}

TEST(LiteralEditTest, BareOriginNeedsReviewWhenBaseHasNoV1) {
  EXPECT_EQ(rewrite("\"https://api.openai.com\"", "https://gw.example/openai"),
            "<needs-review>");
}

TEST(LiteralEditTest, TrailingSlashOfBaseIsDropped) {
  EXPECT_EQ(rewrite("\"https://api.openai.com/v1/files\"",
                    "https://proxy.example/v1/"),
            "\"https://proxy.example/v1/files\"");
}

TEST(LiteralEditTest, OtherSchemeNeedsReview) {
  EXPECT_EQ(rewrite("\"wss://api.openai.com/v1/realtime\""), "<needs-review>");
}

TEST(LiteralEditTest, LookalikeHostIsNotRewritten) {
  EXPECT_EQ(rewrite("\"https://api.openai.com.evil.example/v1\""),
            "<needs-review>");
  EXPECT_EQ(rewrite("\"https://example.com/v1\""), "<none>");
}

TEST(LiteralEditTest, RewritesEveryUrlInOneLiteral) {
  EXPECT_EQ(
      rewrite("\"https://api.openai.com/v1/a https://api.openai.com/v1/b\""),
      "\"https://proxy.example/v1/a https://proxy.example/v1/b\"");
}

TEST(LiteralEditTest, DefaultPortIsMovedWithTheHost) {
  EXPECT_EQ(rewrite("\"https://api.openai.com:443/v1/models\""),
            "\"https://proxy.example/v1/models\"");
}

TEST(LiteralEditTest, VersionBoundaryIsRespected) {
  // "/v1beta" is not "/v1": the origin is moved, the path kept.
  EXPECT_EQ(rewrite("\"https://api.openai.com/v1beta/x\""),
            "\"https://proxy.example/v1beta/x\"");
}

} // namespace
} // namespace keyshift::cpp
