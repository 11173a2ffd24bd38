// End-to-end tests of the command line through runMain on real temporary
// directories: exit codes (DESIGN §1), messages, --apply, --check, the
// audit formats, and the demo's `migrate | git apply` round trip.
#include "cli/cli_fixture.h"
#include "cli/run_main.h"
#include "support/fake_key.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace keyshift::cli {
namespace {

namespace fs = std::filesystem;
using keyshift::testing::readText;
using keyshift::testing::writeText;

using testing::CliTest;
using testing::Outcome;

TEST_F(CliTest, HelpListsCommandsAndExitCodes) {
  Outcome r = run({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("migrate [PATH...]"), std::string::npos);
  EXPECT_NE(r.out.find("3 some files could not be processed"),
            std::string::npos);
  Outcome m = run({"migrate", "--help"});
  EXPECT_NE(m.out.find("--apply"), std::string::npos);
  EXPECT_EQ(m.out.find("--write-baseline"), std::string::npos)
      << "audit-only flags are not listed for migrate";
}

TEST_F(CliTest, UnknownCommandsAndFlagsAreUsageErrorsWithSuggestions) {
  Outcome r = run({"migrat"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown command 'migrat' (did you mean 'migrate'?)"),
            std::string::npos);
  Outcome f = run({"migrate", "--aply"});
  EXPECT_EQ(f.code, 2);
  EXPECT_NE(f.err.find("unknown option '--aply' (did you mean '--apply'?)"),
            std::string::npos);
  Outcome wrong = run({"audit", "--apply"});
  EXPECT_EQ(wrong.code, 2);
  EXPECT_NE(wrong.err.find("does not apply to 'audit'"), std::string::npos);
}

TEST_F(CliTest, BadConfigExitsTwoNamingTheFile) {
  writeText(dir_ / ".keyshift.json", R"({"proxy": {"presett": "x"}})");
  Outcome r = run({"migrate", "."});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(".keyshift.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("presett"), std::string::npos) << r.err;
}

TEST_F(CliTest, BadRuleFileExitsTwoNamingFileAndPointer) {
  writeText(dir_ / "my-rule.json",
            R"({"id": "python.mine", "language": "python",
    "kind": "client-construction", "severity": "warning", "message": "m",
    "triggers": ["x"], "query": "(call) @c", "action": {"type": "set-call-arg"}})");
  Outcome r = run({"migrate", "--rules", "my-rule.json", "."});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("my-rule.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/action/type"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'set-call-argument'"), std::string::npos)
      << r.err;
}

TEST_F(CliTest, MissingProxyConfigurationIsExplained) {
  fs::remove(dir_ / ".keyshift.json");
  Outcome r = run({"migrate", "."});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no proxy configured"), std::string::npos) << r.err;
}

TEST_F(CliTest, MigrateCheckApplyAndIdempotency) {
  writeText(dir_ / "app.py", "from openai import OpenAI\nclient = OpenAI()\n");
  Outcome check = run({"migrate", "--check", "--quiet", "."});
  EXPECT_EQ(check.code, 1);
  EXPECT_NE(
      check.out.find("+client = OpenAI(base_url=\"https://gw.example/v1\""),
      std::string::npos)
      << check.out;
  EXPECT_EQ(readText(dir_ / "app.py"),
            "from openai import OpenAI\nclient = OpenAI()\n")
      << "--check never writes";

  Outcome apply = run({"migrate", "--apply", "."});
  EXPECT_EQ(apply.code, 0) << apply.err;
  EXPECT_EQ(apply.out, "");
  EXPECT_EQ(readText(dir_ / "app.py"),
            "from openai import OpenAI\nimport os\nclient = "
            "OpenAI(base_url=\"https://gw.example/v1\", "
            "api_key=os.environ[\"GW_KEY\"])\n");

  Outcome again = run({"migrate", "--check", "."});
  EXPECT_EQ(again.code, 0);
  EXPECT_EQ(again.out, "") << "a second run changes nothing";
}

TEST_F(CliTest, ApplyKeepsBomCrlfAndFileMode) {
  fs::path p = dir_ / "tool.py";
  writeText(p, "\xEF\xBB\xBFimport openai\r\nc = openai.OpenAI()\r\n");
  ASSERT_EQ(::chmod(p.c_str(), 0755), 0);
  Outcome r = run({"migrate", "--apply", "--quiet", "."});
  ASSERT_EQ(r.code, 0) << r.err;
  std::string text = readText(p);
  EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(text, "\xEF\xBB\xBFimport openai\r\nimport os\r\nc = "
                  "openai.OpenAI(base_url=\"https://gw.example/v1\", "
                  "api_key=os.environ[\"GW_KEY\"])\r\n");
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0755u);
}

TEST_F(CliTest, UnreadableAndBrokenFilesExitThreeAndTheRestCompletes) {
  writeText(dir_ / "good.py", "import openai\nc = openai.OpenAI()\n");
  fs::create_symlink("missing.py", dir_ / "broken.py");
  fs::create_symlink("/etc/hostname", dir_ / "escape.py");
  Outcome r = run({"migrate", "--quiet", "."});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.out.find("+++ b/good.py"), std::string::npos);
  EXPECT_NE(r.err.find("broken.py"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("escape.py"), std::string::npos) << r.err;
}

TEST_F(CliTest, BinaryAndHugeFilesAreSkippedWithAMessage) {
  writeText(dir_ / "blob.py", std::string("openai\0\0\0", 9));
  writeText(dir_ / "big.py", std::string(2000, '#') + "\nimport openai\n");
  Outcome r = run({"migrate", "--max-file-size", "1000", "."});
  EXPECT_EQ(r.code, 0) << "skipping is not an error";
  EXPECT_NE(r.err.find("blob.py"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("binary"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("too large"), std::string::npos) << r.err;
}

TEST_F(CliTest, AuditFindsHardcodedKeysWithoutPrintingThem) {
  std::string key =
      keyshift::testing::fakeOpenAiKey(keyshift::testing::KeyShape::Project, 7);
  writeText(dir_ / "cfg.py", "KEY = \"" + key + "\"\n");
  for (std::string format : {"text", "json", "sarif"}) {
    Outcome r = run({"audit", "--format", format, "--quiet", "."});
    EXPECT_EQ(r.code, 1) << format;
    EXPECT_NE(r.out.find("hard"), std::string::npos) << format << r.out;
    EXPECT_EQ(r.out.find(key), std::string::npos) << format << " leaks the key";
    EXPECT_EQ(r.err.find(key), std::string::npos);
  }
  Outcome log = run({"migrate", "--audit-log", "audit.jsonl", "--quiet", "."});
  std::string jsonl = readText(dir_ / "audit.jsonl");
  EXPECT_NE(jsonl.find("\"fingerprint\":\"sha256:"), std::string::npos);
  EXPECT_EQ(jsonl.find(key), std::string::npos);
}

TEST_F(CliTest, KindFiltersFindingsForTheKeysOnlyHook) {
  std::string key =
      keyshift::testing::fakeOpenAiKey(keyshift::testing::KeyShape::User, 3);
  writeText(dir_ / "client.py", "import openai\nc = openai.OpenAI()\n");
  writeText(dir_ / "leak.py", "K = '" + key + "'\n");
  Outcome clients = run({"check", "--kind", "hardcoded-key", "client.py"});
  EXPECT_EQ(clients.code, 0) << "an unmigrated client is not a key";
  EXPECT_EQ(clients.out, "");
  Outcome leak =
      run({"check", "--kind", "hardcoded-key", "client.py", "leak.py"});
  EXPECT_EQ(leak.code, 1);
  EXPECT_NE(leak.out.find("leak.py:1:5: error:"), std::string::npos)
      << leak.out;
  EXPECT_EQ(leak.out.find("client.py"), std::string::npos);
  Outcome typo = run({"audit", "--kind", "hardcoded-ky", "."});
  EXPECT_EQ(typo.code, 2);
  EXPECT_NE(typo.err.find("did you mean 'hardcoded-key'"), std::string::npos);
}

TEST_F(CliTest, WrittenBaselineSilencesKnownKeysOnly) {
  std::string key = keyshift::testing::fakeOpenAiKey(
      keyshift::testing::KeyShape::Project, 11);
  writeText(dir_ / "old.py", "K = '" + key + "'\n");
  Outcome write =
      run({"audit", "--quiet", "--write-baseline", "base.json", "."});
  EXPECT_EQ(write.code, 1) << "the audit itself still found the key";
  std::string baseline = readText(dir_ / "base.json");
  EXPECT_NE(baseline.find("\"fingerprint\": \"sha256:"), std::string::npos)
      << baseline;
  EXPECT_EQ(baseline.find(key), std::string::npos);
  EXPECT_EQ(run({"audit", "--quiet", "--baseline", "base.json", "."}).code, 0);
  std::string fresh = keyshift::testing::fakeOpenAiKey(
      keyshift::testing::KeyShape::Project, 12);
  writeText(dir_ / "new.py", "K = '" + fresh + "'\n");
  Outcome again = run({"audit", "--quiet", "--baseline", "base.json", "."});
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.out.find("new.py"), std::string::npos);
  EXPECT_EQ(again.out.find("old.py"), std::string::npos);
}

TEST_F(CliTest, CheckIsThePreCommitGate) {
  writeText(dir_ / "clean.py", "print('hello')\n");
  writeText(dir_ / "dirty.py", "import openai\nc = openai.OpenAI()\n");
  EXPECT_EQ(run({"check", "clean.py"}).code, 0);
  Outcome dirty = run({"check", "clean.py", "dirty.py"});
  EXPECT_EQ(dirty.code, 1);
  EXPECT_NE(dirty.out.find("dirty.py:2:5: warning:"), std::string::npos)
      << dirty.out;
  EXPECT_EQ(run({"check"}).code, 2) << "check needs files";
}

TEST_F(CliTest, CheckPassesOverStagedDeletions) {
  // README's hook: `keyshift check $(git diff --cached --name-only)` names
  // the files a commit deletes too.
  writeText(dir_ / "clean.py", "print('hello')\n");
  Outcome r = run({"check", "clean.py", "deleted.py"});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  writeText(dir_ / "dirty.py", "import openai\nc = openai.OpenAI()\n");
  EXPECT_EQ(run({"check", "dirty.py", "deleted.py"}).code, 1);
  EXPECT_EQ(run({"migrate", "deleted.py"}).code, 2)
      << "elsewhere a missing path is still a usage error";
}

TEST_F(CliTest, DemoDiffAppliesWithGitAndSecondRunIsEmpty) {
  fs::path demo = dir_ / "demo";
  fs::copy(fs::path(KEYSHIFT_SOURCE_DIR) / "testdata" / "demo", demo,
           fs::copy_options::recursive);
  std::string git = "cd '" + demo.string() + "' && git init -q . && git add -A";
  ASSERT_EQ(std::system(git.c_str()), 0);
  std::ostringstream out, err;
  int code = runMain({"migrate", "."}, out, err, demo.string());
  ASSERT_EQ(code, 0) << err.str();
  ASSERT_FALSE(out.str().empty());
  writeText(dir_ / "demo.diff", out.str());
  std::string apply = "cd '" + demo.string() + "' && git apply --check '" +
                      (dir_ / "demo.diff").string() + "' && git apply '" +
                      (dir_ / "demo.diff").string() + "'";
  ASSERT_EQ(std::system(apply.c_str()), 0);
  std::ostringstream out2, err2;
  EXPECT_EQ(runMain({"migrate", "."}, out2, err2, demo.string()), 0);
  EXPECT_EQ(out2.str(), "");
}

TEST_F(CliTest, ShardsPartitionTheFiles) {
  for (int i = 0; i < 12; ++i)
    writeText(dir_ / ("m" + std::to_string(i) + ".py"),
              "import openai\nc = openai.OpenAI()\n");
  std::size_t total = 0;
  for (int k = 1; k <= 3; ++k) {
    Outcome r =
        run({"migrate", "--quiet", "--shard", std::to_string(k) + "/3", "."});
    EXPECT_EQ(r.code, 0);
    std::size_t pos = 0;
    while ((pos = r.out.find("\n+++ b/", pos)) != std::string::npos) {
      ++total;
      ++pos;
    }
  }
  EXPECT_EQ(total, 12u);
  EXPECT_EQ(run({"migrate", "--shard", "4/3", "."}).code, 2);
}

TEST_F(CliTest, TestRulesRunsEveryBuiltinExample) {
  Outcome r = run({"test-rules"});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find(" 0 failed"), std::string::npos) << r.out;
}

TEST_F(CliTest, RulesVerboseNamesTheFileARuleComesFrom) {
  Outcome r = run({"rules", "-v"});
  EXPECT_EQ(r.code, 0) << r.err;
  for (const char *id :
       {"javascript.client-construction", "typescript.client-construction",
        "tsx.client-construction"})
    EXPECT_NE(r.out.find(id), std::string::npos) << id;
  EXPECT_NE(r.out.find("source: rules/js/client-construction.json (for "
                       "javascript, typescript, tsx)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("source: rules/python/client-construction.json\n"),
            std::string::npos)
      << "a one-language file says nothing more";
}

TEST_F(CliTest, TestRulesRunsAMultiLanguageFileOncePerLanguage) {
  // The tsx-only example is JSX, which the other grammars cannot read: it
  // runs for tsx alone, and fails there (the rule does not fire on it).
  writeText(dir_ / "multi.json", R"({
    "id": "acme.env-read", "languages": ["javascript", "tsx"],
    "kind": "env-key-ref", "severity": "warning", "message": "m",
    "triggers": ["ACME"],
    "query": "(member_expression property: (property_identifier) @p (#eq? @p \"ACME\")) @m",
    "action": {"type": "report-only"},
    "tests": {
      "valid": ["const x = 1;\n"],
      "invalid": [
        {"input": "f(process.env.ACME);\n"},
        {"input": "const C = () => <p>ACME</p>;\n", "languages": ["tsx"]}
      ]
    }
  })");
  Outcome r = run({"test-rules", "multi.json"});
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("PASS javascript.acme.env-read (2 examples)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("FAIL tsx.acme.env-read (multi.json): "
                       "tests.invalid[1]: the rule does not report"),
            std::string::npos)
      << r.out;
}

} // namespace
} // namespace keyshift::cli
