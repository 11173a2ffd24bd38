#include "scan/real_file_system.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace keyshift::scan {
namespace {

namespace stdfs = std::filesystem;

class RealFileSystemTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(tmp_.ok()); }
  TempDir tmp_;
  RealFileSystem fs_;
};

TEST_F(RealFileSystemTest, WriteAtomicallyKeepsTheModeAndLeavesNoTempFile) {
  tmp_.write("run.py", "old\n");
  ASSERT_EQ(::chmod((tmp_ / "run.py").c_str(), 0755), 0);
  ASSERT_TRUE(fs_.writeAtomically(tmp_ / "run.py", "new\n").ok());
  EXPECT_EQ(*fs_.readFile(tmp_ / "run.py"), "new\n");
  auto st = fs_.stat(tmp_ / "run.py");
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->mode, 0755u);
  EXPECT_EQ(tmp_.entries(), (std::vector<std::string>{"run.py"}));
}

TEST_F(RealFileSystemTest, WriteAtomicallyCreatesANewFileReadableByAll) {
  ASSERT_TRUE(fs_.writeAtomically(tmp_ / "new.py", "x = 1\n").ok());
  EXPECT_EQ(*fs_.readFile(tmp_ / "new.py"), "x = 1\n");
  EXPECT_EQ(fs_.stat(tmp_ / "new.py")->mode, 0644u);
  EXPECT_EQ(tmp_.entries(), (std::vector<std::string>{"new.py"}));
}

TEST_F(RealFileSystemTest, FailedWriteLeavesNoFileBehind) {
  std::string target = tmp_ / "missing/dir/a.py";
  auto r = fs_.writeAtomically(target, "data");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Io);
  EXPECT_EQ(r.error().message, target + ": cannot create temporary file: "
                                        "No such file or directory");
  EXPECT_TRUE(tmp_.entries().empty());
}

TEST_F(RealFileSystemTest, WriteOverADirectoryFailsAndKeepsIt) {
  stdfs::create_directory(tmp_ / "d.py");
  auto r = fs_.writeAtomically(tmp_ / "d.py", "data");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, (tmp_ / "d.py") + ": not a regular file");
  EXPECT_EQ(tmp_.entries(), (std::vector<std::string>{"d.py"}));
}

TEST_F(RealFileSystemTest,
       WriteThroughASymlinkUpdatesTheTargetAndKeepsTheLink) {
  tmp_.write("real.py", "old");
  stdfs::create_symlink("real.py", tmp_ / "link.py");
  ASSERT_TRUE(fs_.writeAtomically(tmp_ / "link.py", "new").ok());
  EXPECT_EQ(fs_.lstat(tmp_ / "link.py")->type, FileStat::Type::Symlink);
  EXPECT_EQ(*fs_.readFile(tmp_ / "real.py"), "new");
}

TEST_F(RealFileSystemTest, StatTellsTypesAndMissingIsNotAnError) {
  tmp_.write("a.py", "12345");
  stdfs::create_directory(tmp_ / "d");
  stdfs::create_symlink("a.py", tmp_ / "l");
  stdfs::create_symlink("nowhere", tmp_ / "broken");
  ASSERT_EQ(::mkfifo((tmp_ / "fifo").c_str(), 0600), 0);

  EXPECT_EQ(fs_.lstat(tmp_ / "a.py")->type, FileStat::Type::File);
  EXPECT_EQ(fs_.lstat(tmp_ / "a.py")->size, 5u);
  EXPECT_EQ(fs_.lstat(tmp_ / "d")->type, FileStat::Type::Directory);
  EXPECT_EQ(fs_.lstat(tmp_ / "l")->type, FileStat::Type::Symlink);
  EXPECT_EQ(fs_.stat(tmp_ / "l")->type, FileStat::Type::File);
  EXPECT_EQ(fs_.stat(tmp_ / "broken")->type, FileStat::Type::Missing);
  EXPECT_EQ(fs_.lstat(tmp_ / "fifo")->type, FileStat::Type::Other);
  EXPECT_EQ(fs_.lstat(tmp_ / "nope")->type, FileStat::Type::Missing);
  EXPECT_EQ(fs_.lstat(tmp_ / "a.py/under")->type, FileStat::Type::Missing);
}

TEST_F(RealFileSystemTest, ReadLinkReturnsTheUnresolvedTarget) {
  stdfs::create_symlink("../x/y.py", tmp_ / "l");
  EXPECT_EQ(*fs_.readLink(tmp_ / "l"), "../x/y.py");
  std::string long_target(1000, 'a');
  stdfs::create_symlink(long_target, tmp_ / "long");
  EXPECT_EQ(*fs_.readLink(tmp_ / "long"), long_target);
}

TEST_F(RealFileSystemTest, ListDirIsSortedWithoutDotEntries) {
  tmp_.write("b.py", "");
  tmp_.write("a.py", "");
  tmp_.write("C.py", "");
  tmp_.write("sub/x.py", "");
  auto names = fs_.listDir(tmp_.path());
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<std::string>{"C.py", "a.py", "b.py", "sub"}));
}

TEST_F(RealFileSystemTest, TypedListingAgreesWithLstat) {
  tmp_.write("b.txt", "x");
  tmp_.write("sub/x.py", "");
  ASSERT_EQ(::symlink("b.txt", (tmp_ / "link").c_str()), 0);
  ASSERT_EQ(::mkfifo((tmp_ / "pipe").c_str(), 0600), 0);
  auto listed = fs_.listTypedDir(tmp_.path());
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 4u);
  for (const FileSystem::DirEntry &e : *listed) {
    SCOPED_TRACE(e.name);
    EXPECT_EQ(e.type, fs_.lstat(tmp_ / e.name)->type);
  }
  EXPECT_EQ((*listed)[0].name, "b.txt");
}

TEST_F(RealFileSystemTest, ReadFileUpToReadsOnceAndStopsAtTheLimit) {
  tmp_.write("a.txt", "hello\n");
  auto small = fs_.readFileUpTo(tmp_ / "a.txt", 100);
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(small->stat.type, FileStat::Type::File);
  EXPECT_EQ(small->stat.size, 6u);
  EXPECT_EQ(small->bytes, "hello\n");
  auto big = fs_.readFileUpTo(tmp_ / "a.txt", 5);
  ASSERT_TRUE(big.ok());
  EXPECT_EQ(big->stat.size, 6u);
  EXPECT_EQ(big->bytes, "") << "nothing read past the limit";
  auto missing = fs_.readFileUpTo(tmp_ / "nope", 5);
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->stat.type, FileStat::Type::Missing);
  // A FIFO is opened without waiting for a writer, and not read.
  ASSERT_EQ(::mkfifo((tmp_ / "pipe").c_str(), 0600), 0);
  auto pipe = fs_.readFileUpTo(tmp_ / "pipe", 5);
  ASSERT_TRUE(pipe.ok());
  EXPECT_EQ(pipe->stat.type, FileStat::Type::Other);
  EXPECT_EQ(fs_.readFileUpTo(tmp_.path(), 5)->stat.type,
            FileStat::Type::Directory);
}

TEST_F(RealFileSystemTest, ReadErrorsNameThePath) {
  auto r = fs_.readFile(tmp_ / "nope.py");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            (tmp_ / "nope.py") + ": No such file or directory");
  auto d = fs_.readFile(tmp_.path());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().message, tmp_.path() + ": Is a directory");
}

TEST_F(RealFileSystemTest, ReadFileKeepsEveryByte) {
  std::string bytes("a\0b\r\n\xFF", 6);
  tmp_.write("bin", bytes);
  EXPECT_EQ(*fs_.readFile(tmp_ / "bin"), bytes);
}

TEST_F(RealFileSystemTest, ReadFileReadsPastWhatFstatSays) {
  // /proc files report size 0 and still hold text.
  auto status = fs_.readFile("/proc/self/status");
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(status->rfind("Name:", 0), 0u);
  std::string big(300 * 1024, 'x');
  big.back() = 'y';
  tmp_.write("big", big);
  EXPECT_EQ(*fs_.readFile(tmp_ / "big"), big);
}

TEST_F(RealFileSystemTest, RealPathResolvesLinksAndDots) {
  tmp_.write("d/a.py", "");
  stdfs::create_symlink("d", tmp_ / "ld");
  EXPECT_EQ(*fs_.realPath(tmp_ / "ld/./../ld/a.py"), tmp_ / "d/a.py");
  EXPECT_FALSE(fs_.realPath(tmp_ / "nope").ok());
}

} // namespace
} // namespace keyshift::scan
