// What --apply must never do, end to end through the command line
// (docs/RELIABILITY.md): write over bytes another program changed while the
// run was going (the driver's test hooks change them at the worst moments),
// write through a symbolic link or out of the root, split hard links, or let
// a failed write (full disk, read-only file system or directory) leave
// anything but that file as it was, a clear message and exit 3.
#include "cli/child_process.h"
#include "cli/cli_fixture.h"
#include "driver/cpp_batch.h"
#include "support/fake_key.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sched.h>
#include <sstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace keyshift::cli {
namespace {

namespace fs = std::filesystem;
using keyshift::testing::readText;
using keyshift::testing::writeText;
using testing::CliTest;
using testing::Outcome;

const std::string kPython = "import openai\nc = openai.OpenAI()\n";
const std::string kJs =
    "import OpenAI from 'openai';\nconst c = new OpenAI();\n";

bool has(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

bool anyTemporary(const fs::path &dir) {
  for (const auto &e : fs::recursive_directory_iterator(dir))
    if (has(e.path().filename().string(), ".keyshift-tmp-"))
      return true;
  return false;
}

TEST_F(CliTest, AFileEditedBeforeItsWriteIsKeptAndReported) {
  // Python and JavaScript: the engines matched the bytes read; an editor
  // appends a line before keyshift renames its version over the file.
  for (const auto &[name, text] :
       {std::pair{"app.py", kPython}, std::pair{"app.js", kJs}}) {
    SCOPED_TRACE(name);
    fs::remove_all(dir_ / "src");
    fs::create_directories(dir_ / "src");
    writeText(dir_ / "src" / "other.py", kPython);
    fs::path target = dir_ / "src" / name;
    writeText(target, text);
    const std::string edited = text + "// saved by an editor\n";
    driver::TestHooks hooks;
    hooks.before_write = [&](const std::string &abs) {
      if (fs::path(abs) == target)
        writeText(target, edited);
    };
    Outcome r = run({"migrate", "--apply", "src"}, &hooks);
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_TRUE(has(r.err, "skipped: changed during the run")) << r.err;
    EXPECT_TRUE(has(r.err, name)) << r.err;
    EXPECT_EQ(readText(target), edited) << "the user's edit is kept";
    EXPECT_NE(readText(dir_ / "src" / "other.py"), kPython)
        << "the other files are done";
    EXPECT_FALSE(anyTemporary(dir_));
  }
}

TEST_F(CliTest, AFileEditedBetweenTheIndexAndEditPassesIsKeptAndReported) {
  // The edit pass takes the bytes the index pass read (and its findings):
  // the plan was made from them, so they are what may be written over, and
  // only if the file still holds them.
  fs::create_directories(dir_ / "src");
  writeText(dir_ / "src" / "other.py", kPython);
  fs::path target = dir_ / "src" / "app.py";
  writeText(target, kPython);
  const std::string edited = kPython + "# saved by an editor\n";
  driver::TestHooks hooks;
  hooks.after_cpp_batch = [&] { writeText(target, edited); };
  Outcome r = run({"migrate", "--apply", "src"}, &hooks);
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_TRUE(has(r.err, "skipped: changed during the run")) << r.err;
  EXPECT_EQ(readText(target), edited) << "the user's edit is kept";
  EXPECT_NE(readText(dir_ / "src" / "other.py"), kPython)
      << "the other file is done";
  EXPECT_FALSE(anyTemporary(dir_));
}

TEST_F(CliTest, ACppFileEditedAfterClangParsedItIsKeptAndReported) {
  if (!driver::cppSupported())
    GTEST_SKIP() << "built without the Clang engine";
  const std::string text = "#include <string>\n\nstd::string endpoint() {\n"
                           "  return \"https://api.openai.com/v1/responses\";\n"
                           "}\n";
  fs::path target = dir_ / "endpoint.cc";
  writeText(target, text);
  // Same length, other bytes: offsets Clang computed would land on them.
  std::string edited = text;
  edited.replace(0, 17, "#include <vector>");
  driver::TestHooks hooks;
  hooks.after_cpp_batch = [&] { writeText(target, edited); };
  Outcome r = run({"migrate", "--apply", "endpoint.cc"}, &hooks);
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_TRUE(has(r.err, "skipped: changed during the run")) << r.err;
  EXPECT_EQ(readText(target), edited);

  // Unchanged, the same file is rewritten: the check is not what stopped it.
  writeText(target, text);
  Outcome clean = run({"migrate", "--apply", "endpoint.cc"});
  EXPECT_EQ(clean.code, 0) << clean.err;
  EXPECT_TRUE(has(readText(target), "https://gw.example/v1/responses"))
      << readText(target);
}

/// A directory beside the root, holding what a link points at.
class OutsideTest : public CliTest {
protected:
  void SetUp() override {
    CliTest::SetUp();
    outside_ = dir_.string() + "-outside";
    fs::remove_all(outside_);
    fs::create_directories(outside_);
    writeText(outside_ / "x.py", kPython);
  }
  void TearDown() override {
    fs::remove_all(outside_);
    CliTest::TearDown();
  }
  fs::path outside_;
};

TEST_F(OutsideTest, AFileLinkNamedOnTheCommandLineIsNotWrittenThrough) {
  fs::create_symlink(outside_ / "x.py", dir_ / "out.py");
  writeText(dir_ / "in.py", kPython);
  Outcome r = run({"migrate", "--apply", "out.py", "in.py"});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_TRUE(has(r.err, "out.py")) << r.err;
  EXPECT_EQ(readText(outside_ / "x.py"), kPython);
  EXPECT_TRUE(fs::is_symlink(dir_ / "out.py"));
  EXPECT_NE(readText(dir_ / "in.py"), kPython) << "the other file is done";
}

TEST_F(OutsideTest, CheckDoesNotReadALinkLeavingTheRoot) {
  // A staged symlink is a link in the work tree: its target outside the
  // repository is none of the commit's business.
  writeText(outside_ / "x.py", kPython + "k = '" +
                                   keyshift::testing::fakeOpenAiKey(
                                       keyshift::testing::KeyShape::User, 5) +
                                   "'\n");
  fs::create_symlink(outside_ / "x.py", dir_ / "out.py");
  Outcome r = run({"check", "out.py"});
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_TRUE(has(r.out + r.err, "symbolic link leaves the root")) << r.out;
  EXPECT_FALSE(has(r.out, "warning"))
      << "the target was not checked: " << r.out;
}

TEST_F(OutsideTest, ALinkedDirectoryIsNotDescendedForApply) {
  fs::create_directory_symlink(outside_, dir_ / "linked");
  fs::create_directories(dir_ / "real");
  writeText(dir_ / "real" / "y.py", kPython);
  fs::create_directory_symlink(dir_ / "real", dir_ / "inner");
  for (const char *root : {"linked", "inner", "."}) {
    SCOPED_TRACE(root);
    Outcome r = run({"migrate", "--apply", root});
    EXPECT_EQ(readText(outside_ / "x.py"), kPython) << r.err;
    if (std::string(root) == "inner") {
      EXPECT_EQ(readText(dir_ / "real" / "y.py"), kPython)
          << "not written through the link either";
    }
  }
  EXPECT_NE(readText(dir_ / "real" / "y.py"), kPython)
      << "written under its own name by the walk of '.'";
}

TEST_F(CliTest, HardLinkedFilesAreReportedAndNotSplit) {
  writeText(dir_ / "a.py", kPython);
  fs::create_hard_link(dir_ / "a.py", dir_ / "b.py");
  writeText(dir_ / "c.py", kPython);
  Outcome r = run({"migrate", "--apply", "."});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_TRUE(has(r.err, "not written: has 2 hard links")) << r.err;
  EXPECT_EQ(readText(dir_ / "a.py"), kPython);
  EXPECT_EQ(fs::hard_link_count(dir_ / "a.py"), 2u) << "the links are kept";
  EXPECT_TRUE(fs::equivalent(dir_ / "a.py", dir_ / "b.py"));
  EXPECT_NE(readText(dir_ / "c.py"), kPython);
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

TEST_F(CliTest, ARealFullDiskFailsThatFileAndTheRestIsDone) {
  // A 64 KiB tmpfs in the child's own mount namespace (nothing is left
  // mounted whatever happens), filled so the small file's new version fits
  // and the big one's does not: write(2) itself returns ENOSPC.
  const fs::path disk = dir_ / "disk";
  fs::create_directories(disk);
  const std::string big = kPython + std::string(24 * 1024, '#') + "\n";
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(fds[0]);
    auto say = [&](const std::string &text) {
      if (::write(fds[1], text.data(), text.size()) < 0)
        ::_exit(121);
    };
    if (::unshare(CLONE_NEWNS) != 0 ||
        ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
        ::mount("tmpfs", disk.c_str(), "tmpfs", 0, "size=64k") != 0) {
      say(std::string("cannot mount a tmpfs here: ") + std::strerror(errno));
      ::_exit(77);
    }
    writeText(disk / "small.py", kPython);
    writeText(disk / "big.py", big);
    // 16 pages: small 1, big 7, filler 6, leaving 2 for the temporaries.
    writeText(disk / "filler.dat", std::string(6 * 4096, 'x'));
    std::ostringstream out, err;
    int code = runMain({"migrate", "--apply", "--base-url",
                        "https://gw.example/v1", "--key-env", "GW_KEY", "."},
                       out, err, disk.string(), nullptr);
    say(err.str());
    say("\n@big " +
        std::string(readText(disk / "big.py") == big ? "kept" : "changed"));
    say("\n@small " + std::string(readText(disk / "small.py") == kPython
                                      ? "kept"
                                      : "migrated"));
    say("\n@temporaries " + std::string(anyTemporary(disk) ? "left" : "none"));
    ::_exit(code);
  }
  ::close(fds[1]);
  std::string text;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;)
    text.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << status;
  if (WEXITSTATUS(status) == 77)
    GTEST_SKIP() << text << " (the injected-fault tests cover the same paths)";
  EXPECT_EQ(WEXITSTATUS(status), 3) << text;
  EXPECT_TRUE(has(text, "big.py: error: cannot write")) << text;
  EXPECT_TRUE(has(text, std::strerror(ENOSPC))) << text;
  EXPECT_TRUE(has(text, "@big kept")) << text;
  EXPECT_TRUE(has(text, "@small migrated")) << text;
  EXPECT_TRUE(has(text, "@temporaries none")) << text;
}

} // namespace
} // namespace keyshift::cli
