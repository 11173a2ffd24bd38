// Review ergonomics of `migrate`: -o FILE, --format json, --color,
// --export-fixes (checked by clang-apply-replacements itself) and the next
// step printed after a dry run.
#include "cli/cli_fixture.h"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace keyshift::cli {
namespace {

namespace fs = std::filesystem;
using keyshift::testing::readText;
using keyshift::testing::writeText;
using testing::CliTest;
using testing::Outcome;

constexpr std::string_view kApp = "from openai import OpenAI\n"
                                  "c = OpenAI()\n"
                                  "d = OpenAI(timeout=3)\n";

TEST_F(CliTest, OutputFileTakesWhatStdoutWouldHaveHad) {
  writeText(dir_ / "app.py", std::string(kApp));
  Outcome direct = run({"migrate", "."});
  Outcome to_file = run({"migrate", "-o", "out.diff", "."});
  EXPECT_EQ(to_file.code, 0) << to_file.err;
  EXPECT_EQ(to_file.out, "");
  EXPECT_EQ(readText(dir_ / "out.diff"), direct.out);
  Outcome audit =
      run({"audit", "--format", "sarif", "--output", "a.sarif", "."});
  EXPECT_EQ(audit.out, "");
  EXPECT_NO_THROW((void)nlohmann::json::parse(readText(dir_ / "a.sarif")));
  Outcome bad = run({"migrate", "-o", "x.diff", "--format", "yaml", "."});
  EXPECT_EQ(bad.code, 2);
  EXPECT_FALSE(fs::exists(dir_ / "x.diff")) << "a usage error writes nothing";
}

TEST_F(CliTest, FormatJsonListsTheEditsThatApplyProduces) {
  writeText(dir_ / "app.py", std::string(kApp));
  Outcome r = run({"migrate", "--format", "json", "."});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["file"], "app.py");
  std::string text(kApp);
  // Splice from the end so earlier offsets stay valid.
  auto edits = j["edits"];
  for (auto it = edits.rbegin(); it != edits.rend(); ++it)
    text.replace((*it)["offset"].get<std::size_t>(),
                 (*it)["length"].get<std::size_t>(),
                 (*it)["replacement"].get<std::string>());
  ASSERT_EQ(run({"migrate", "--apply", "-q", "."}).code, 0);
  EXPECT_EQ(text, readText(dir_ / "app.py"));
}

TEST_F(CliTest, ColourOnlyWhenAskedAndNeverByDefaultIntoAPipe) {
  writeText(dir_ / "app.py", std::string(kApp));
  EXPECT_EQ(run({"migrate", "."}).out.find('\x1b'), std::string::npos);
  Outcome always = run({"migrate", "--color", "always", "."});
  EXPECT_NE(always.out.find("\x1b[31m-c = OpenAI()\x1b[m"), std::string::npos)
      << always.out;
}

TEST_F(CliTest, ExportedFixesApplyWithClangApplyReplacements) {
  writeText(dir_ / "app.py", std::string(kApp));
  writeText(dir_ / "win.py",
            "\xEF\xBB\xBFimport openai\r\nx = openai.OpenAI()\r\n");
  fs::create_directories(dir_ / "fixes");
  Outcome r = run({"migrate", "--export-fixes", "fixes/keyshift.yaml", "."});
  ASSERT_EQ(r.code, 0) << r.err;
  fs::path applied = dir_.string() + "-applied";
  fs::remove_all(applied);
  fs::copy(dir_, applied, fs::copy_options::recursive);
  std::string cmd =
      "clang-apply-replacements-14 '" + (dir_ / "fixes").string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ostringstream out, err;
  ASSERT_EQ(
      runMain({"migrate", "--apply", "-q", "."}, out, err, applied.string()), 0)
      << err.str();
  for (const char *name : {"app.py", "win.py"})
    EXPECT_EQ(readText(dir_ / name), readText(applied / name)) << name;
  fs::remove_all(applied);
}

TEST_F(CliTest, ADryRunSaysHowToApply) {
  writeText(dir_ / "app.py", std::string(kApp));
  Outcome dry = run({"migrate", "app.py"});
  EXPECT_NE(dry.err.find("keyshift: apply with: keyshift migrate --apply "
                         "app.py (or `git apply` this diff at the top of the "
                         "work tree)\n"),
            std::string::npos)
      << dry.err;
  EXPECT_EQ(run({"migrate", "-q", "app.py"}).err, "");
  EXPECT_EQ(run({"migrate", "--apply", "app.py"}).err.find("apply with"),
            std::string::npos);
  EXPECT_EQ(run({"migrate", "app.py"}).err.find("apply with"),
            std::string::npos)
      << "nothing left to apply";
}

} // namespace
} // namespace keyshift::cli
