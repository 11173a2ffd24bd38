// A write that fails (full disk, read-only file system or directory) fails
// that file only: a clear message, exit 3, the file as it was, no temporary
// left, and every other file done (docs/RELIABILITY.md, atomicity).
#include "cli/child_process.h"
#include "cli/cli_fixture.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace keyshift::cli {
namespace {

namespace fs = std::filesystem;
using keyshift::testing::readText;
using keyshift::testing::writeText;
using testing::CliTest;
using testing::Outcome;

const std::string kPython = "import openai\nc = openai.OpenAI()\n";

bool has(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

bool anyTemporary(const fs::path &dir) {
  for (const auto &e : fs::recursive_directory_iterator(dir))
    if (has(e.path().filename().string(), ".keyshift-tmp-"))
      return true;
  return false;
}

TEST_F(CliTest, AnInjectedWriteErrorFailsThatFileAndTheRestIsDone) {
  struct Fault {
    scan::WriteStep step;
    int error;
  };
  for (Fault fault : {Fault{scan::WriteStep::TempCreated, EROFS},
                      Fault{scan::WriteStep::DataWritten, ENOSPC},
                      Fault{scan::WriteStep::Synced, EIO}}) {
    SCOPED_TRACE(std::strerror(fault.error));
    for (const char *name : {"a.py", "b.py", "c.py"})
      writeText(dir_ / "src" / name, kPython);
    driver::TestHooks hooks;
    hooks.write_observer = [&](scan::WriteStep step, const std::string &path) {
      return step == fault.step && fs::path(path).filename() == "b.py"
                 ? fault.error
                 : 0;
    };
    Outcome r = run({"migrate", "--apply", "src"}, &hooks);
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_TRUE(has(r.err, "b.py")) << r.err;
    EXPECT_TRUE(has(r.err, "cannot write")) << r.err;
    EXPECT_TRUE(has(r.err, std::strerror(fault.error))) << r.err;
    EXPECT_EQ(readText(dir_ / "src" / "b.py"), kPython);
    EXPECT_NE(readText(dir_ / "src" / "a.py"), kPython);
    EXPECT_NE(readText(dir_ / "src" / "c.py"), kPython);
    EXPECT_FALSE(anyTemporary(dir_));
  }
}

TEST_F(CliTest, AReadOnlyDirectoryFailsItsFilesAndTheRestIsDone) {
  writeText(dir_ / "ro" / "x.py", kPython);
  writeText(dir_ / "rw" / "y.py", kPython);
  ASSERT_EQ(::chmod((dir_ / "ro").c_str(), 0555), 0);
  // Root writes anywhere: run as nobody, who owns the tree.
  const uid_t nobody = 65534;
  std::function<void()> drop;
  if (::geteuid() == 0) {
    for (const auto &e : fs::recursive_directory_iterator(dir_))
      ASSERT_EQ(::lchown(e.path().c_str(), nobody, nobody), 0);
    ASSERT_EQ(::lchown(dir_.c_str(), nobody, nobody), 0);
    drop = [] {
      if (::setgid(nobody) != 0 || ::setuid(nobody) != 0)
        ::_exit(120);
    };
  }
  testing::Child child({"migrate", "--apply", "."}, dir_.string(), nullptr,
                       drop);
  std::string err;
  int status = child.finish(&err);
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 3) << err;
  EXPECT_TRUE(has(err, "ro/x.py: error: cannot write")) << err;
  EXPECT_TRUE(has(err, std::strerror(EACCES))) << err;
  EXPECT_EQ(readText(dir_ / "ro" / "x.py"), kPython);
  EXPECT_NE(readText(dir_ / "rw" / "y.py"), kPython);
  EXPECT_FALSE(anyTemporary(dir_));
  ::chmod((dir_ / "ro").c_str(), 0755);
}

} // namespace
} // namespace keyshift::cli
