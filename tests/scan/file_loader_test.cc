#include "scan/file_loader.h"
#include "scan/memory_file_system.h"

#include <gtest/gtest.h>

namespace keyshift::scan {
namespace {

FileEntry entry(const std::string &abs, const std::string &repo_path) {
  return {repo_path, repo_path, abs, languageForPath(repo_path)};
}

TEST(FileLoaderTest, LoadsTheFileUnderItsRepoPath) {
  MemoryFileSystem fs;
  fs.addFile("/r/src/a.py", "import openai\n");
  LoadResult r = loadFile(fs, entry("/r/src/a.py", "src/a.py"), {});
  ASSERT_EQ(r.status, LoadStatus::Loaded);
  ASSERT_TRUE(r.file.has_value());
  EXPECT_EQ(r.file->path(), "src/a.py");
  EXPECT_EQ(r.file->content(), "import openai\n");
  EXPECT_EQ(r.file->language(), Language::Python);
  EXPECT_EQ(r.message, "");
}

TEST(FileLoaderTest, NulByteInTheProbeMeansBinary) {
  MemoryFileSystem fs;
  fs.addFile("/r/a.json", std::string("{\"k\":\0}", 7));
  LoadResult r = loadFile(fs, entry("/r/a.json", "a.json"), {});
  EXPECT_EQ(r.status, LoadStatus::Skipped);
  EXPECT_FALSE(r.file.has_value());
  EXPECT_EQ(r.message, "binary file (NUL byte in the first 8 KiB)");
  EXPECT_TRUE(r.binary);
}

TEST(FileLoaderTest, NulByteAfterTheProbeStillLoads) {
  MemoryFileSystem fs;
  std::string bytes(8192, 'x');
  bytes += '\0';
  fs.addFile("/r/a.py", bytes);
  LoadResult r = loadFile(fs, entry("/r/a.py", "a.py"), {});
  EXPECT_EQ(r.status, LoadStatus::Loaded);
  EXPECT_EQ(r.file->content().size(), 8193u);
}

TEST(FileLoaderTest, TooLargeIsSkippedWithoutReadingTheBytes) {
  MemoryFileSystem fs;
  std::uint64_t size = (5u << 20) + (1u << 20) / 5; // 5.2 MiB
  fs.addFile("/r/big.py", std::string(size, 'a'));
  LoadResult r = loadFile(fs, entry("/r/big.py", "big.py"), {});
  EXPECT_EQ(r.status, LoadStatus::Skipped);
  EXPECT_EQ(r.message, "file too large (5.2 MiB > 4 MiB limit; raise with "
                       "--max-file-size)");
  EXPECT_TRUE(fs.filesRead().empty());
}

TEST(FileLoaderTest, FileExactlyAtTheLimitLoads) {
  MemoryFileSystem fs;
  fs.addFile("/r/a.py", std::string(100, 'a'));
  LoadLimits limits;
  limits.max_file_size = 100;
  EXPECT_EQ(loadFile(fs, entry("/r/a.py", "a.py"), limits).status,
            LoadStatus::Loaded);
  limits.max_file_size = 99;
  LoadResult r = loadFile(fs, entry("/r/a.py", "a.py"), limits);
  EXPECT_EQ(r.status, LoadStatus::Skipped);
  EXPECT_EQ(r.message,
            "file too large (100 B > 99 B limit; raise with --max-file-size)");
}

TEST(FileLoaderTest, UnreadableFileFails) {
  MemoryFileSystem fs;
  fs.addFile("/r/a.py", "x");
  fs.setUnreadable("/r/a.py");
  LoadResult r = loadFile(fs, entry("/r/a.py", "a.py"), {});
  EXPECT_EQ(r.status, LoadStatus::Failed);
  EXPECT_EQ(r.message, "cannot read: Permission denied");
}

TEST(FileLoaderTest, VanishedFileFails) {
  MemoryFileSystem fs;
  LoadResult r = loadFile(fs, entry("/r/gone.py", "gone.py"), {});
  EXPECT_EQ(r.status, LoadStatus::Failed);
  EXPECT_EQ(r.message, "cannot read: No such file or directory");
}

TEST(FileLoaderTest, CrLfIsKept) {
  MemoryFileSystem fs;
  fs.addFile("/r/a.py", "a = 1\r\nb = 2\r\n");
  LoadResult r = loadFile(fs, entry("/r/a.py", "a.py"), {});
  ASSERT_EQ(r.status, LoadStatus::Loaded);
  EXPECT_EQ(r.file->content(), "a = 1\r\nb = 2\r\n");
  EXPECT_EQ(r.file->eol(), EolStyle::CrLf);
}

TEST(FileLoaderTest, BomIsStrippedIntoTheSourceFile) {
  MemoryFileSystem fs;
  fs.addFile("/r/a.py", "\xEF\xBB\xBFx = 1\n");
  LoadResult r = loadFile(fs, entry("/r/a.py", "a.py"), {});
  ASSERT_EQ(r.status, LoadStatus::Loaded);
  EXPECT_TRUE(r.file->hasBom());
  EXPECT_EQ(r.file->content(), "x = 1\n");
}

TEST(FileLoaderTest, InvalidUtf8StillLoads) {
  MemoryFileSystem fs;
  fs.addFile("/r/a.py", "s = '\xC3\x28'\n");
  LoadResult r = loadFile(fs, entry("/r/a.py", "a.py"), {});
  ASSERT_EQ(r.status, LoadStatus::Loaded);
  EXPECT_FALSE(r.file->isValidUtf8());
  EXPECT_EQ(r.file->content(), "s = '\xC3\x28'\n");
}

TEST(FileLoaderTest, FormatSizeUsesBinaryUnits) {
  EXPECT_EQ(formatSize(0), "0 B");
  EXPECT_EQ(formatSize(1023), "1023 B");
  EXPECT_EQ(formatSize(8192), "8 KiB");
  EXPECT_EQ(formatSize(1536), "1.5 KiB");
  EXPECT_EQ(formatSize(4u << 20), "4 MiB");
  EXPECT_EQ(formatSize((4u << 20) + 1), "4.0 MiB");
  EXPECT_EQ(formatSize(3ull << 30), "3 GiB");
}

} // namespace
} // namespace keyshift::scan
