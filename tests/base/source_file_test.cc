#include "base/source_file.h"

#include <gtest/gtest.h>

namespace keyshift {
namespace {

TEST(SourceFileTest, StripsAndRemembersTheBom) {
  SourceFile f("a.py", "\xEF\xBB\xBFx = 1\n", Language::Python);
  EXPECT_TRUE(f.hasBom());
  EXPECT_EQ(f.content(), "x = 1\n");
  EXPECT_EQ(f.withBom("y"), "\xEF\xBB\xBFy");
}

TEST(SourceFileTest, DetectsLineEndings) {
  EXPECT_EQ(SourceFile("a", "a\r\nb\r\n", Language::Python).eol(),
            EolStyle::CrLf);
  EXPECT_EQ(SourceFile("a", "a\nb", Language::Python).eol(), EolStyle::Lf);
  EXPECT_EQ(SourceFile("a", "a\r\nb\n", Language::Python).eol(),
            EolStyle::Mixed);
  EXPECT_EQ(SourceFile("a", "ab", Language::Python).eol(), EolStyle::None);
  EXPECT_EQ(SourceFile("a", "a\r\n", Language::Python).newline(), "\r\n");
}

TEST(SourceFileTest, ValidatesUtf8) {
  EXPECT_TRUE(isValidUtf8("plain ascii"));
  EXPECT_TRUE(isValidUtf8("gr\xC3\xBC\xC3\x9F \xE2\x82\xAC \xF0\x9F\x98\x80"));
  EXPECT_FALSE(isValidUtf8("\xC3"));             // truncated
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));         // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));     // surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80")); // beyond U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xFF"));
  EXPECT_FALSE(SourceFile("a", "x\xFFy", Language::Python).isValidUtf8());
}

} // namespace
} // namespace keyshift
