// What --apply must never do, end to end through the command line
// (docs/RELIABILITY.md): write over bytes another program changed while the
// run was going (the driver's test hooks change them at the worst moments),
// write through a symbolic link or out of the root, or split hard links.
#include "cli/cli_fixture.h"
#include "driver/cpp_batch.h"
#include "support/fake_key.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>

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
    for (const auto &e : fs::directory_iterator(dir_ / "src"))
      EXPECT_FALSE(has(e.path().filename().string(), ".keyshift-tmp-"))
          << e.path();
  }
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

} // namespace
} // namespace keyshift::cli
