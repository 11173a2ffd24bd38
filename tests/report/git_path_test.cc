#include "report/git_path.h"

#include <gtest/gtest.h>

namespace keyshift::report {
namespace {

TEST(GitPathTest, PlainPathIsLeftBare) {
  EXPECT_FALSE(gitPathNeedsQuoting("a/src/app.py"));
  EXPECT_EQ(quoteGitPath("a/src/app.py"), "a/src/app.py");
}

TEST(GitPathTest, SpaceAloneIsNotQuoted) {
  EXPECT_EQ(quoteGitPath("a/my file.py"), "a/my file.py");
}

TEST(GitPathTest, QuoteAndBackslashAreEscaped) {
  EXPECT_EQ(quoteGitPath("a/q\"u\\o.py"), "\"a/q\\\"u\\\\o.py\"");
}

TEST(GitPathTest, ControlCharactersUseCEscapes) {
  EXPECT_EQ(quoteGitPath("a/x\ty\nz"), "\"a/x\\ty\\nz\"");
}

TEST(GitPathTest, NonAsciiBytesAreOctal) {
  EXPECT_EQ(quoteGitPath("a/\xC3\xA9.py"), "\"a/\\303\\251.py\"");
}

} // namespace
} // namespace keyshift::report
