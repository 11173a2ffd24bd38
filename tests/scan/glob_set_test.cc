#include "scan/glob_set.h"

#include <gtest/gtest.h>

namespace keyshift::scan {
namespace {

GlobSet compiled(const std::vector<std::string> &patterns) {
  auto set = GlobSet::compile(patterns);
  EXPECT_TRUE(set.ok()) << (set.ok() ? "" : set.error().message);
  return set.ok() ? *set : GlobSet{};
}

bool matches(const std::string &pattern, std::string_view path) {
  return compiled({pattern}).matches(path);
}

std::string compileError(const std::string &pattern) {
  auto set = GlobSet::compile({pattern});
  if (set.ok())
    return "<compiled>";
  EXPECT_EQ(set.error().code, ErrorCode::Config);
  return set.error().message;
}

TEST(GlobSetTest, StarDoesNotCrossSlash) {
  EXPECT_TRUE(matches("src/*.py", "src/a.py"));
  EXPECT_FALSE(matches("src/*.py", "src/sub/a.py"));
}

TEST(GlobSetTest, QuestionMarkIsOneCharacterNotSlash) {
  EXPECT_TRUE(matches("src/?.py", "src/a.py"));
  EXPECT_FALSE(matches("src/?.py", "src/ab.py"));
  EXPECT_FALSE(matches("a?b.py", "a/b.py"));
  EXPECT_TRUE(matches("src/?.py", "src/\xC3\xA9.py")); // é: two bytes
}

TEST(GlobSetTest, DoubleStarMatchesAnyNumberOfDirectories) {
  EXPECT_TRUE(matches("src/**/gen_*.ts", "src/gen_a.ts"));
  EXPECT_TRUE(matches("src/**/gen_*.ts", "src/x/gen_a.ts"));
  EXPECT_TRUE(matches("src/**/gen_*.ts", "src/x/y/gen_a.ts"));
  EXPECT_FALSE(matches("src/**/gen_*.ts", "lib/src/gen_a.ts"));
  EXPECT_TRUE(matches("**/test.py", "test.py"));
  EXPECT_TRUE(matches("**/test.py", "a/b/test.py"));
  EXPECT_TRUE(matches("**", "a/b/c.py"));
}

TEST(GlobSetTest, DoubleStarInsideASegmentActsAsStar) {
  EXPECT_TRUE(matches("src/a**.py", "src/abc.py"));
  EXPECT_FALSE(matches("src/a**.py", "src/a/b.py"));
}

TEST(GlobSetTest, PatternWithoutSlashMatchesTheNameAtAnyDepth) {
  EXPECT_TRUE(matches("*.py", "a.py"));
  EXPECT_TRUE(matches("*.py", "deep/er/a.py"));
  EXPECT_FALSE(matches("*.py", "a.pyc"));
  EXPECT_TRUE(matches("conftest.py", "tests/unit/conftest.py"));
}

TEST(GlobSetTest, PatternWithSlashIsAnchoredAtTheRoot) {
  EXPECT_TRUE(matches("src/a.py", "src/a.py"));
  EXPECT_FALSE(matches("src/a.py", "lib/src/a.py"));
  EXPECT_TRUE(matches("/a.py", "a.py"));
  EXPECT_FALSE(matches("/a.py", "sub/a.py"));
  EXPECT_TRUE(matches("./src/a.py", "src/a.py"));
}

TEST(GlobSetTest, DirectoryPatternExcludesEverythingUnderIt) {
  for (const char *p : {"third_party/**", "third_party/", "third_party"}) {
    SCOPED_TRACE(p);
    EXPECT_TRUE(matches(p, "third_party/x.py"));
    EXPECT_TRUE(matches(p, "third_party/a/b/x.py"));
    EXPECT_FALSE(matches(p, "third_party_x/y.py"));
    EXPECT_FALSE(matches(p, "my_third_party/y.py"));
  }
  EXPECT_TRUE(matches("third_party", "src/third_party/x.py"));
  EXPECT_TRUE(matches("third_party/", "src/third_party/x.py"));
  EXPECT_FALSE(matches("third_party/**", "src/third_party/x.py"));
  EXPECT_TRUE(matches("src/gen", "src/gen/a/b.py"));
}

TEST(GlobSetTest, TrailingSlashMatchesDirectoriesOnly) {
  EXPECT_FALSE(matches("build/", "build"));
  EXPECT_TRUE(matches("build", "build"));
  EXPECT_TRUE(matches("build/", "build/x.py"));
}

TEST(GlobSetTest, CharacterClasses) {
  EXPECT_TRUE(matches("[abc].py", "b.py"));
  EXPECT_FALSE(matches("[abc].py", "d.py"));
  EXPECT_TRUE(matches("file[0-9].py", "file7.py"));
  EXPECT_FALSE(matches("file[0-9].py", "filex.py"));
  EXPECT_TRUE(matches("[!a].py", "b.py"));
  EXPECT_FALSE(matches("[!a].py", "a.py"));
  EXPECT_TRUE(matches("[^a].py", "b.py"));
  EXPECT_TRUE(matches("[]].py", "].py"));
}

TEST(GlobSetTest, ClassesNeverMatchSlash) {
  EXPECT_FALSE(matches("a[!x]b.py", "a/b.py"));
  EXPECT_FALSE(matches("a[+-0]b.py", "a/b.py")); // range spans '/'
  EXPECT_TRUE(matches("a[+-0]b.py", "a.b.py"));
  EXPECT_FALSE(matches("a[/]b.py", "a/b.py"));
}

TEST(GlobSetTest, BackslashEscapesAMetacharacter) {
  EXPECT_TRUE(matches("a\\*.py", "a*.py"));
  EXPECT_FALSE(matches("a\\*.py", "ab.py"));
}

TEST(GlobSetTest, RegexMetacharactersAreLiteral) {
  EXPECT_TRUE(matches("a+b(c).py", "a+b(c).py"));
  EXPECT_FALSE(matches("a.py", "axpy"));
  EXPECT_TRUE(matches("$x|{y}.ts", "$x|{y}.ts"));
}

TEST(GlobSetTest, PathsWithNewlinesAndNonUtf8BytesMatch) {
  EXPECT_TRUE(matches("*.py", "odd\nname.py"));
  EXPECT_TRUE(matches("src/**", "src/\xFF\xFE.py"));
  EXPECT_TRUE(matches("\xFF*.py", "\xFFz.py"));
}

TEST(GlobSetTest, AnyPatternOfTheSetMatches) {
  GlobSet set = compiled({"*.md", "docs/**"});
  EXPECT_EQ(set.size(), 2u);
  EXPECT_TRUE(set.matches("README.md"));
  EXPECT_TRUE(set.matches("docs/a.py"));
  EXPECT_FALSE(set.matches("src/a.py"));
}

TEST(GlobSetTest, EmptySetMatchesNothing) {
  GlobSet set = compiled({});
  EXPECT_TRUE(set.empty());
  EXPECT_FALSE(set.matches("a.py"));
  EXPECT_FALSE(GlobSet{}.matches("a.py"));
}

TEST(GlobSetTest, BadPatternsAreErrorsNamingThePattern) {
  EXPECT_EQ(compileError("[a"), "glob '[a': unclosed character class");
  EXPECT_EQ(compileError("src/[!"), "glob 'src/[!': unclosed character class");
  EXPECT_EQ(compileError("a\\"), "glob 'a\\': trailing backslash");
  EXPECT_EQ(compileError(""), "glob '': empty pattern");
  EXPECT_EQ(compileError("/"), "glob '/': pattern matches nothing");
  EXPECT_EQ(compileError("[z-a]"), "glob '[z-a]': bad character range z-a");
  EXPECT_EQ(compileError("!keep.py"),
            "glob '!keep.py': negation ('!') is not supported; list the "
            "path in include or exclude instead");
}

TEST(GlobSetTest, FirstBadPatternInASetIsReported) {
  auto set = GlobSet::compile({"*.py", "x[", "y["});
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().message, "glob 'x[': unclosed character class");
}

TEST(GlobSetTest, ToRegexShowsTheTranslation) {
  auto re = GlobSet::toRegex("src/**/*.py");
  ASSERT_TRUE(re.ok());
  EXPECT_EQ(*re, "src\\x{2f}(?:.*/)?[^/]*\\x{2e}py(?:/.*)?");
}

} // namespace
} // namespace keyshift::scan
