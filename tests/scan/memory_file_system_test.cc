#include "scan/memory_file_system.h"

#include <gtest/gtest.h>

namespace keyshift::scan {
namespace {

TEST(MemoryFileSystemTest, AddFileCreatesParentDirectories) {
  MemoryFileSystem fs;
  fs.addFile("/a/b/c.py", "x", 0600);
  EXPECT_EQ(fs.stat("/a/b")->type, FileStat::Type::Directory);
  EXPECT_EQ(fs.stat("/a/b/c.py")->mode, 0600u);
  EXPECT_EQ(fs.stat("/a/b/c.py")->size, 1u);
  EXPECT_EQ(*fs.listDir("/a"), (std::vector<std::string>{"b"}));
}

TEST(MemoryFileSystemTest, ListDirGivesDirectChildrenSorted) {
  MemoryFileSystem fs;
  fs.addFile("/d/b.py", "");
  fs.addFile("/d/a.b", "");
  fs.addFile("/d/a/x.py", "");
  fs.addSymlink("/d/l", "b.py");
  EXPECT_EQ(*fs.listDir("/d"),
            (std::vector<std::string>{"a", "a.b", "b.py", "l"}));
  EXPECT_EQ(*fs.listDir("/"), (std::vector<std::string>{"d"}));
}

TEST(MemoryFileSystemTest, SymlinksResolveLikeTheKernel) {
  MemoryFileSystem fs;
  fs.addFile("/r/src/a.py", "A");
  fs.addSymlink("/r/lib", "src");
  fs.addSymlink("/r/abs", "/r/lib/a.py");
  fs.addSymlink("/r/broken", "nope");
  fs.addSymlink("/r/loop", "loop");
  EXPECT_EQ(*fs.readFile("/r/lib/a.py"), "A");
  EXPECT_EQ(*fs.realPath("/r/abs"), "/r/src/a.py");
  EXPECT_EQ(fs.lstat("/r/abs")->type, FileStat::Type::Symlink);
  EXPECT_EQ(fs.stat("/r/abs")->type, FileStat::Type::File);
  EXPECT_EQ(fs.stat("/r/broken")->type, FileStat::Type::Missing);
  EXPECT_EQ(*fs.readLink("/r/broken"), "nope");
  EXPECT_EQ(fs.realPath("/r/broken").error().message,
            "/r/broken: No such file or directory");
  EXPECT_EQ(fs.stat("/r/loop").error().message,
            "/r/loop: Too many levels of symbolic links");
}

TEST(MemoryFileSystemTest, UnreadableFailsReadsButNotStat) {
  MemoryFileSystem fs;
  fs.addFile("/a.py", "x");
  fs.addFile("/d/b.py", "y");
  fs.setUnreadable("/a.py");
  fs.setUnreadable("/d");
  EXPECT_EQ(fs.readFile("/a.py").error().message, "/a.py: Permission denied");
  EXPECT_EQ(fs.listDir("/d").error().message, "/d: Permission denied");
  EXPECT_EQ(fs.stat("/a.py")->type, FileStat::Type::File);
}

TEST(MemoryFileSystemTest, ReadsAndWritesAreRecorded) {
  MemoryFileSystem fs;
  fs.addFile("/a.py", "old", 0755);
  ASSERT_TRUE(fs.readFile("/a.py").ok());
  ASSERT_TRUE(fs.writeAtomically("/a.py", "new").ok());
  ASSERT_TRUE(fs.writeAtomically("/b.py", "fresh").ok());
  EXPECT_EQ(fs.filesRead(), (std::vector<std::string>{"/a.py"}));
  EXPECT_EQ(fs.filesWritten(), (std::vector<std::string>{"/a.py", "/b.py"}));
  EXPECT_EQ(*fs.readFile("/a.py"), "new");
  EXPECT_EQ(fs.stat("/a.py")->mode, 0755u);
  EXPECT_EQ(*fs.readFile("/b.py"), "fresh");
}

TEST(MemoryFileSystemTest, WriteIntoAMissingDirectoryFailsAndCreatesNothing) {
  MemoryFileSystem fs;
  auto r = fs.writeAtomically("/no/dir/a.py", "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "/no/dir/a.py: No such file or directory");
  EXPECT_EQ(fs.stat("/no")->type, FileStat::Type::Missing);
  EXPECT_TRUE(fs.listDir("/")->empty());
}

TEST(MemoryFileSystemTest, WriteThroughASymlinkKeepsTheLink) {
  MemoryFileSystem fs;
  fs.addFile("/real.py", "old");
  fs.addSymlink("/link.py", "real.py");
  ASSERT_TRUE(fs.writeAtomically("/link.py", "new").ok());
  EXPECT_EQ(fs.lstat("/link.py")->type, FileStat::Type::Symlink);
  EXPECT_EQ(*fs.readFile("/real.py"), "new");
}

} // namespace
} // namespace keyshift::scan
