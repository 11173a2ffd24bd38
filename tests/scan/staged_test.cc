#include "git_cmd.h"
#include "scan/staged.h"
#include "scan/walker.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

namespace keyshift::scan {
namespace {

class StagedTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    ASSERT_EQ(git(dir_.path(), "init -q"), 0);
  }
  std::vector<StagedFile> staged(
      IndexSelection which = IndexSelection::Changed,
      std::function<bool(const std::string &)> wanted =
          [](const std::string &) { return true; }) {
    auto r = readStagedFiles(dir_.path(), which, wanted);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : std::vector<StagedFile>{};
  }
  TempDir dir_;
};

TEST_F(StagedTest, NothingStagedInAFreshRepository) {
  EXPECT_TRUE(staged().empty());
}

TEST_F(StagedTest, TheIndexCopyWinsOverTheWorkingTree) {
  dir_.write("a.env", "KEY=staged\n");
  dir_.write("sub dir/b.txt", "one\n");
  ASSERT_EQ(git(dir_.path(), "add -A"), 0);
  dir_.write("a.env", "KEY=edited later\n"); // unstaged
  dir_.write("untracked.txt", "x\n");
  auto files = staged();
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path, "a.env");
  EXPECT_EQ(files[0].bytes, "KEY=staged\n");
  EXPECT_EQ(files[1].path, "sub dir/b.txt");
  EXPECT_EQ(files[1].bytes, "one\n");
}

TEST_F(StagedTest, OnlyChangesSinceTheLastCommitAndNoDeletions) {
  dir_.write("old.txt", "old\n");
  dir_.write("gone.txt", "gone\n");
  ASSERT_EQ(git(dir_.path(), "add -A"), 0);
  ASSERT_EQ(git(dir_.path(), "commit -q -m one"), 0);
  ASSERT_EQ(git(dir_.path(), "rm -q gone.txt"), 0);
  ASSERT_EQ(git(dir_.path(), "mv old.txt renamed.txt"), 0);
  dir_.write("new.bin", std::string("a\0b", 3));
  ASSERT_EQ(git(dir_.path(), "add new.bin"), 0);
  auto files = staged();
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path, "new.bin");
  EXPECT_EQ(files[0].bytes, std::string("a\0b", 3));
  EXPECT_EQ(files[1].path, "renamed.txt");
}

TEST_F(StagedTest, AllEntriesWhenFilesAreNamedChangedOrNot) {
  dir_.write("a.txt", "committed\n");
  dir_.write("b.txt", "committed too\n");
  ASSERT_EQ(git(dir_.path(), "add -A"), 0);
  ASSERT_EQ(git(dir_.path(), "commit -q -m one"), 0);
  EXPECT_TRUE(staged().empty());
  auto all = staged(IndexSelection::All,
                    [](const std::string &p) { return p == "b.txt"; });
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].bytes, "committed too\n");
}

TEST_F(StagedTest, TreeServesTheStagedBytesToTheWalker) {
  std::vector<StagedFile> files{{"src/a.py", "x = 1\n"}, {"b.env", "K=1\n"}};
  StagedTree tree = stagedTree("/repo", "/repo/src", files);
  WalkOptions opts;
  opts.roots = {"/repo"};
  opts.cwd = "/repo/src";
  auto walked = walk(*tree.fs, *tree.git, opts);
  ASSERT_TRUE(walked.ok()) << walked.error().message;
  ASSERT_EQ(walked->files.size(), 2u);
  EXPECT_EQ(walked->files[0].repoPath(), "b.env");
  EXPECT_EQ(walked->files[1].displayPath(), "a.py");
  EXPECT_EQ(*tree.fs->readFile("/repo/src/a.py"), "x = 1\n");
}

} // namespace
} // namespace keyshift::scan
