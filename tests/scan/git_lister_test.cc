#include "git_cmd.h"
#include "scan/git_lister.h"
#include "scan/real_file_system.h"
#include "scan/walker.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace keyshift::scan {
namespace {

using Strings = std::vector<std::string>;

TEST(SplitNulRecordsTest, SplitsSortsAndDedupsUnmergedEntries) {
  static constexpr char kOut[] =
      "b.py\0a b.py\0conflict.py\0conflict.py\0conflict.py\0new\nline.py\0";
  std::string out(kOut, sizeof kOut - 1);
  EXPECT_EQ(splitNulRecords(out),
            (Strings{"a b.py", "b.py", "conflict.py", "new\nline.py"}));
  EXPECT_TRUE(splitNulRecords("").empty());
}

class GitListerTest : public ::testing::Test {
protected:
  void SetUp() override {
    if (std::system("git --version >/dev/null 2>&1") != 0)
      GTEST_SKIP() << "git is not installed";
    ASSERT_TRUE(repo_.ok() && outside_.ok());
    // The developer's own ~/.gitconfig must not change what is ignored.
    ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    ::setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);

    const std::string &r = repo_.path();
    ASSERT_EQ(git(r, "init -q"), 0);
    repo_.write(".gitignore", "*.log\nbuild/*\n!build/keep.py\nignored.py\n");
    repo_.write("sub/.gitignore", "local.py\n");
    repo_.write("a.py", "import openai\n");
    repo_.write("with space.py", "");
    repo_.write("sub/ok.py", "");
    repo_.write("sub/local.py", "");
    repo_.write("deleted.py", "");
    repo_.write("ignored.py", "");
    repo_.write("debug.log", "");
    repo_.write("build/out.py", "");
    repo_.write("build/keep.py", "");
    repo_.write("new\nline.py", "");
    repo_.write("untracked.ts", "");
    repo_.write("x.secret.py", "");
    repo_.write("local_only.py", "");
    repo_.write(".git/info/exclude", "local_only.py\n");
    outside_.write("global_ignore", "*.secret.py\n");
    ASSERT_EQ(git(r, "config core.excludesFile '" +
                         (outside_ / "global_ignore") + "'"),
              0);
    ASSERT_EQ(git(r, "add .gitignore sub/.gitignore a.py 'with space.py' "
                     "sub/ok.py deleted.py"),
              0);
    ASSERT_EQ(git(r, "commit -q -m init"), 0);
    std::filesystem::remove(repo_ / "deleted.py");
  }

  TempDir repo_;
  TempDir outside_;
  ProcessGitLister git_;
  RealFileSystem fs_;
};

TEST_F(GitListerTest, WorkTreeRootIsFoundFromASubdirectory) {
  EXPECT_EQ(git_.workTreeRoot(repo_ / "sub"), repo_.path());
  EXPECT_EQ(git_.workTreeRoot(repo_.path()), repo_.path());
  EXPECT_EQ(git_.workTreeRoot(outside_.path()), std::nullopt);
  EXPECT_EQ(git_.workTreeRoot(repo_ / ".git"), std::nullopt);
}

TEST_F(GitListerTest, ListsExactlyWhatGitLsFilesLists) {
  auto listed = git_.listFiles(repo_.path());
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  EXPECT_EQ(*listed, splitNulRecords(gitOutput(
                         repo_.path(),
                         "ls-files -z --cached --others --exclude-standard")));
  EXPECT_EQ(*listed, (Strings{".gitignore", "a.py", "build/keep.py",
                              "deleted.py", "new\nline.py", "sub/.gitignore",
                              "sub/ok.py", "untracked.ts", "with space.py"}));
}

TEST_F(GitListerTest, ListFilesOutsideAWorkTreeIsAnError) {
  auto listed = git_.listFiles(outside_.path());
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().message.rfind(
                outside_.path() + ": git ls-files failed: fatal: ", 0),
            0u)
      << listed.error().message;
}

TEST_F(GitListerTest, WalkListsGitsFilesThatExistWithAKnownLanguage) {
  auto listed = git_.listFiles(repo_.path());
  ASSERT_TRUE(listed.ok());
  Strings expected;
  for (const std::string &p : *listed)
    if (std::filesystem::exists(repo_ / p) &&
        languageForPath(p) != Language::Unknown)
      expected.push_back(p);

  WalkOptions opts;
  opts.cwd = repo_.path();
  opts.roots = {"."};
  auto r = walk(fs_, git_, opts);
  ASSERT_TRUE(r.ok()) << r.error().message;
  Strings got;
  for (const FileEntry &f : r->files) {
    got.emplace_back(f.repoPath());
    EXPECT_EQ(f.absPath(), repo_ / std::string(f.repoPath()));
    EXPECT_EQ(f.displayPath(), f.repoPath());
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(got, (Strings{"a.py", "build/keep.py", "new\nline.py", "sub/ok.py",
                          "untracked.ts", "with space.py"}));
  EXPECT_TRUE(r->problems.empty());
}

TEST_F(GitListerTest, WalkFromASubdirectoryKeepsWorkTreePaths) {
  WalkOptions opts;
  opts.cwd = repo_ / "sub";
  opts.roots = {".", "local.py"};
  auto r = walk(fs_, git_, opts);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->files.size(), 2u);
  EXPECT_EQ(r->files[0].repoPath(),
            "sub/local.py"); // named: taken though ignored
  EXPECT_EQ(r->files[0].displayPath(), "local.py");
  EXPECT_EQ(r->files[1].repoPath(), "sub/ok.py");
  EXPECT_EQ(r->files[1].displayPath(), "ok.py");
}

TEST_F(GitListerTest, WalkOutsideAWorkTreeWalksTheDirectory) {
  outside_.write("b.py", "");
  outside_.write(".git/x.py", ""); // a stray .git directory is not walked
  WalkOptions opts;
  opts.cwd = outside_.path();
  auto r = walk(fs_, git_, opts);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->files.size(), 1u);
  EXPECT_EQ(r->files[0].repoPath(), "b.py");
}

} // namespace
} // namespace keyshift::scan
