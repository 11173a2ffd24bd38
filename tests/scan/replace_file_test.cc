// RealFileSystem::replaceFile: the content check before the rename, hard
// links, the fault hook and the removal of stale temporaries
// (docs/RELIABILITY.md).
#include "scan/real_file_system.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace keyshift::scan {
namespace {

namespace stdfs = std::filesystem;

class ReplaceFileTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(tmp_.ok()); }
  TempDir tmp_;
};

TEST_F(ReplaceFileTest, ReplacesAnUnchangedFileKeepingItsMode) {
  RealFileSystem fs;
  tmp_.write("a.py", "old\n");
  ASSERT_EQ(::chmod((tmp_ / "a.py").c_str(), 0750), 0);
  ASSERT_TRUE(fs.replaceFile(tmp_ / "a.py", "old\n", "new\n").ok());
  EXPECT_EQ(*fs.readFile(tmp_ / "a.py"), "new\n");
  EXPECT_EQ(fs.stat(tmp_ / "a.py")->mode, 0750u);
  EXPECT_EQ(tmp_.entries(), (std::vector<std::string>{"a.py"}));
}

TEST_F(ReplaceFileTest, AFileChangedBeforeTheRenameIsKept) {
  std::string path = tmp_ / "a.py";
  // Another program appends to the file after keyshift wrote its temporary.
  RealFileSystem fs([&](WriteStep step, const std::string &) {
    if (step == WriteStep::Synced)
      std::ofstream(path, std::ios::app) << "edit = 1\n";
    return 0;
  });
  tmp_.write("a.py", "old\n");
  auto r = fs.replaceFile(path, "old\n", "new\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Changed);
  EXPECT_EQ(r.error().message, path + ": changed during the run");
  EXPECT_EQ(*fs.readFile(path), "old\nedit = 1\n");
  EXPECT_EQ(tmp_.entries(), (std::vector<std::string>{"a.py"}));
}

TEST_F(ReplaceFileTest, ALinkIsNeverWrittenThrough) {
  RealFileSystem fs;
  tmp_.write("target.py", "old\n");
  stdfs::create_symlink(tmp_ / "target.py", tmp_ / "link.py");
  auto r = fs.replaceFile(tmp_ / "link.py", "old\n", "new\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Changed);
  EXPECT_EQ(*fs.readFile(tmp_ / "target.py"), "old\n");
}

TEST_F(ReplaceFileTest, HardLinksAreReportedNotSplit) {
  RealFileSystem fs;
  tmp_.write("a.py", "old\n");
  ASSERT_EQ(::link((tmp_ / "a.py").c_str(), (tmp_ / "b.py").c_str()), 0);
  auto r = fs.replaceFile(tmp_ / "a.py", "old\n", "new\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Input);
  EXPECT_EQ(r.error().message,
            (tmp_ / "a.py") +
                ": has 2 hard links; replacing it would split them");
  EXPECT_EQ(*fs.readFile(tmp_ / "b.py"), "old\n");
  EXPECT_EQ(fs.stat(tmp_ / "a.py")->mode, fs.stat(tmp_ / "b.py")->mode);
}

TEST_F(ReplaceFileTest, AnInjectedFullDiskFailsCleanly) {
  for (WriteStep at :
       {WriteStep::TempCreated, WriteStep::DataWritten, WriteStep::Synced}) {
    RealFileSystem fs([&](WriteStep step, const std::string &) {
      return step == at ? ENOSPC : 0;
    });
    tmp_.write("a.py", "old\n");
    auto r = fs.replaceFile(tmp_ / "a.py", "old\n", "new\n");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Io);
    EXPECT_NE(r.error().message.find("No space left on device"),
              std::string::npos)
        << r.error().message;
    EXPECT_EQ(*fs.readFile(tmp_ / "a.py"), "old\n");
    EXPECT_EQ(tmp_.entries(), (std::vector<std::string>{"a.py"}));
  }
}

TEST_F(ReplaceFileTest, OnlyStaleTemporariesOfKeyshiftAreRemoved) {
  RealFileSystem fs;
  // A pid that cannot be running: above the kernel's maximum.
  const long dead = 99999999;
  std::string stale = ".a.py.keyshift-tmp-" + std::to_string(dead) + "-Ab12Cd";
  std::string live =
      ".a.py.keyshift-tmp-" + std::to_string(::getpid()) + "-Ab12Cd";
  tmp_.write(stale, "");
  tmp_.write(live, "");
  tmp_.write(".a.py.keyshift-Ab12Cd", ""); // old naming: not provably ours
  tmp_.write("a.py", "x\n");
  auto removed = fs.removeStaleTemporaries(tmp_.path());
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, (std::vector<std::string>{stale}));
  EXPECT_EQ(tmp_.entries(),
            (std::vector<std::string>{".a.py.keyshift-Ab12Cd", live, "a.py"}));
}

TEST_F(ReplaceFileTest, RootRemovesTheTemporariesItGaveToTheTargetsOwner) {
  if (::geteuid() != 0)
    GTEST_SKIP() << "needs root: only root gives a temporary away";
  RealFileSystem fs;
  const std::string dead = "99999999";
  // What a root run killed after writeTemporary's fchown leaves behind.
  std::string given = ".a.py.keyshift-tmp-" + dead + "-Ab12Cd";
  std::string foreign = ".b.py.keyshift-tmp-" + dead + "-Ab12Cd";
  for (const char *name : {"a.py", "b.py"})
    tmp_.write(name, "x\n");
  tmp_.write(given, "");
  tmp_.write(foreign, "");
  ASSERT_EQ(::chown((tmp_ / "a.py").c_str(), 4242, 4343), 0);
  ASSERT_EQ(::chown((tmp_ / given).c_str(), 4242, 4343), 0);
  // Another user's temporary beside a file that is not theirs: left.
  ASSERT_EQ(::chown((tmp_ / foreign).c_str(), 4242, 4343), 0);
  auto removed = fs.removeStaleTemporaries(tmp_.path());
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, (std::vector<std::string>{given}));
  EXPECT_EQ(tmp_.entries(),
            (std::vector<std::string>{foreign, "a.py", "b.py"}));
}

TEST(TempNameTest, NamesCarryThePidAndAreRecognised) {
  std::string t = temp_name::templateFor("/r/src/a.py", 4242);
  EXPECT_EQ(t, "/r/src/.a.py.keyshift-tmp-4242-XXXXXX");
  EXPECT_EQ(temp_name::ownerPid(".a.py.keyshift-tmp-4242-q1W2e3"), 4242);
  EXPECT_EQ(temp_name::ownerPid("a.py.keyshift-tmp-4242-q1W2e3"), -1);
  EXPECT_EQ(temp_name::ownerPid(".a.py.keyshift-tmp-4242-q1W2"), -1);
  EXPECT_EQ(temp_name::ownerPid(".a.py.keyshift-tmp--q1W2e3"), -1);
  EXPECT_EQ(temp_name::ownerPid(".a.py"), -1);
  EXPECT_EQ(temp_name::targetOf(".a.b.py.keyshift-tmp-4242-q1W2e3"), "a.b.py");
  EXPECT_EQ(temp_name::targetOf(".a.py"), "");
}

} // namespace
} // namespace keyshift::scan
