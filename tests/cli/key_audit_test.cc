// The key auditor end to end through runMain on real directories and git
// repositories: no proxy needed for keys, every text file, --staged,
// --history, suppression, --no-ignore, the baseline.
#include "cli_fixture.h"
#include "support/base64.h"
#include "support/fake_key.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace keyshift::cli {
namespace {

namespace fs = std::filesystem;
using keyshift::testing::base64;
using keyshift::testing::fakeOpenAiKey;
using keyshift::testing::KeyShape;
using keyshift::testing::writeText;
using testing::Outcome;

class KeyAuditTest : public testing::CliFixture {
protected:
  /// git in dir_, quietly, with a fixed identity and no user config.
  void git(const std::string &args) {
    std::string cmd = "cd '" + dir_.string() +
                      "' && GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 "
                      "git -c user.name=t -c user.email=t@example.invalid " +
                      args + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << args;
  }
  void proxyConfig() { writeProxyConfig(); }
};

TEST_F(KeyAuditTest, KeysOnlyAuditNeedsNoProxyAndReadsEveryTextFile) {
  const std::string key = fakeOpenAiKey(KeyShape::Project, 1);
  writeText(dir_ / ".env", "OPENAI_API_KEY=" + key + "\n");
  writeText(dir_ / "deploy" / "Dockerfile", "ENV OPENAI_API_KEY=" + key + "\n");
  writeText(dir_ / "notes.txt", "the key was " + key);
  writeText(dir_ / "logo.png", "\x89PNG " + key);
  writeText(dir_ / "blob.dat", std::string("\0\0", 2) + key);
  for (std::string format : {"text", "json", "sarif"}) {
    Outcome r = run({"audit", "--kind", "hardcoded-key", "--format", format,
                     "--quiet", "."});
    EXPECT_EQ(r.code, 1) << format << r.err;
    EXPECT_EQ(r.err, "") << format;
    for (const char *file : {".env", "Dockerfile", "notes.txt"})
      EXPECT_NE(r.out.find(file), std::string::npos) << format << file;
    EXPECT_EQ(r.out.find("logo.png"), std::string::npos) << "binary by name";
    EXPECT_EQ(r.out.find("blob.dat"), std::string::npos) << "binary by NUL";
    EXPECT_EQ(r.out.find(key), std::string::npos) << format;
  }
  Outcome text = run({"audit", "--kind", "hardcoded-key", "--quiet", "."});
  EXPECT_NE(
      text.out.find(".env:1:16: error: hard-coded OpenAI API key: read it from "
                    "the environment [secrets.hardcoded-key]"),
      std::string::npos)
      << text.out;
  Outcome check = run({"check", "--kind", "hardcoded-key", "notes.txt"});
  EXPECT_EQ(check.code, 1);
}

TEST_F(KeyAuditTest, WithoutKeysOnlyKindsAProxyIsStillRequiredAndSaysSo) {
  Outcome r = run({"audit", "."});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no proxy configured"), std::string::npos);
  EXPECT_NE(r.err.find("pass --kind hardcoded-key"), std::string::npos);
  EXPECT_EQ(run({"audit", "--kind", "hardcoded-key", "--kind",
                 "client-construction", "."})
                .code,
            2);
}

TEST_F(KeyAuditTest, OneFindingPerKeyWhenTheEngineSeesItTooAndItCarriesTheFix) {
  proxyConfig();
  const std::string key = fakeOpenAiKey(KeyShape::User, 2);
  writeText(dir_ / "app.py", "K = \"" + key + "\"\n# spare: " + key + "\n");
  Outcome r = run({"audit", "--format", "json", "--quiet", "."});
  EXPECT_EQ(r.code, 1);
  std::size_t findings = 0;
  for (std::size_t p = 0;
       (p = r.out.find("\"kind\":\"hardcoded-key\"", p)) != std::string::npos;
       ++p)
    ++findings;
  EXPECT_EQ(findings, 2u) << r.out;
  EXPECT_NE(r.out.find("\"rule\":\"python.hardcoded-key\""), std::string::npos);
  EXPECT_NE(r.out.find("\"after\":\"os.environ[\\\"GW_KEY\\\"]\""),
            std::string::npos)
      << r.out;
  EXPECT_NE(
      r.out.find(
          "\"rule\":\"secrets.hardcoded-key\",\"kind\":"
          "\"hardcoded-key\",\"severity\":\"error\",\"action\":"
          "\"reported\",\"applied\":false,\"file\":\"app.py\",\"line\":2"),
      std::string::npos)
      << r.out;
}

TEST_F(KeyAuditTest, PossibleKeysAreNotesThatDoNotFailACheck) {
  writeText(dir_ / "a.txt", "k=" + fakeOpenAiKey(KeyShape::NoMarker, 3) + "\n");
  Outcome audit = run({"audit", "--kind", "possible-key", "--quiet", "."});
  EXPECT_NE(audit.out.find("note: possible OpenAI API key"), std::string::npos)
      << audit.out;
  EXPECT_EQ(run({"check", "--kind", "hardcoded-key", "--kind", "possible-key",
                 "a.txt"})
                .code,
            0);
}

TEST_F(KeyAuditTest, SuppressionOwnAndForeignMarkers) {
  const std::string k1 = fakeOpenAiKey(KeyShape::User, 4);
  const std::string k2 = fakeOpenAiKey(KeyShape::User, 5);
  const std::string k3 = fakeOpenAiKey(KeyShape::User, 6);
  writeText(dir_ / "conf.ini", "a=" + k1 +
                                   " ; keyshift: ignore\n"
                                   "b=" +
                                   k2 +
                                   " # gitleaks:allow\n"
                                   "# pragma: allowlist nextline secret\n"
                                   "c=" +
                                   k3 + "\n");
  Outcome plain = run({"audit", "--kind", "hardcoded-key", "--quiet", "."});
  EXPECT_EQ(plain.out.find("conf.ini:1:"), std::string::npos);
  EXPECT_NE(plain.out.find("conf.ini:2:"), std::string::npos);
  EXPECT_NE(plain.out.find("conf.ini:4:"), std::string::npos);
  Outcome honoured = run({"audit", "--kind", "hardcoded-key",
                          "--honor-foreign-ignores", "--quiet", "."});
  EXPECT_EQ(honoured.code, 0) << honoured.out;
}

TEST_F(KeyAuditTest, DeepKeysFindsSplitAndBase64KeysOnlyWhenAsked) {
  const std::string key = fakeOpenAiKey(KeyShape::Project, 13);
  writeText(dir_ / "split.py", "KEY = (\"" + key.substr(0, 60) +
                                   "\"\n       \"" + key.substr(60) + "\")\n");
  // base64 of "sk-proj-…": a Kubernetes Secret's data field.
  const std::string b64 = base64(key);
  writeText(dir_ / "secret.yaml",
            "kind: Secret\ndata:\n  OPENAI_API_KEY: " + b64 + "\n");
  Outcome plain = run({"audit", "--kind", "hardcoded-key", "--quiet", "."});
  EXPECT_EQ(plain.code, 0) << plain.out;
  Outcome deep = run({"audit", "--kind", "hardcoded-key", "--deep-keys",
                      "--format", "json", "--quiet", "."});
  EXPECT_EQ(deep.code, 1);
  EXPECT_NE(deep.out.find("\"file\":\"secret.yaml\",\"line\":3,\"column\":19"),
            std::string::npos)
      << deep.out;
  EXPECT_NE(deep.out.find("\"file\":\"split.py\",\"line\":1"),
            std::string::npos);
  EXPECT_NE(deep.out.find("(base64-encoded)"), std::string::npos);
  EXPECT_EQ(deep.out.find(key.substr(40, 20)), std::string::npos);
  EXPECT_EQ(deep.out.find(b64.substr(40, 20)), std::string::npos);
}

TEST_F(KeyAuditTest, DisablingTheScannerRules) {
  writeText(dir_ / "a.txt", fakeOpenAiKey(KeyShape::User, 7) + "\n" +
                                fakeOpenAiKey(KeyShape::NoMarker, 7) + "\n");
  Outcome r = run({"audit", "--kind", "hardcoded-key", "--kind", "possible-key",
                   "--disable", "secrets.possible-key", "--quiet", "."});
  EXPECT_EQ(r.out.find("possible-key"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("secrets.hardcoded-key"), std::string::npos);
  Outcome rules = run({"rules"});
  EXPECT_NE(rules.out.find("secrets.hardcoded-key"), std::string::npos);
  EXPECT_NE(rules.out.find("secrets.possible-key"), std::string::npos);
}

TEST_F(KeyAuditTest, NoIgnoreAlsoReadsGitIgnoredFiles) {
  git("init -q");
  writeText(dir_ / ".gitignore", ".env\n");
  writeText(dir_ / ".env", "K=" + fakeOpenAiKey(KeyShape::User, 8) + "\n");
  EXPECT_EQ(run({"audit", "--kind", "hardcoded-key", "--quiet", "."}).code, 0);
  Outcome all =
      run({"audit", "--kind", "hardcoded-key", "--no-ignore", "--quiet", "."});
  EXPECT_EQ(all.code, 1);
  EXPECT_NE(all.out.find(".env:1:3"), std::string::npos) << all.out;
}

TEST_F(KeyAuditTest, MissingBaselineIsAConfigurationError) {
  writeText(dir_ / "a.txt", "x\n");
  Outcome flag =
      run({"audit", "--kind", "hardcoded-key", "--baseline", "nope.json", "."});
  EXPECT_EQ(flag.code, 2);
  EXPECT_NE(flag.err.find("nope.json: baseline file does not exist"),
            std::string::npos)
      << flag.err;
  writeText(dir_ / ".keyshift.json", R"({"baseline": "base.json"})");
  EXPECT_EQ(run({"audit", "--kind", "hardcoded-key", "."}).code, 2);
  // Written once, the configured baseline is read and silences its keys.
  writeText(dir_ / "a.txt", fakeOpenAiKey(KeyShape::Admin, 9) + "\n");
  fs::remove(dir_ / ".keyshift.json");
  EXPECT_EQ(run({"audit", "--kind", "hardcoded-key", "--quiet",
                 "--write-baseline", "base.json", "."})
                .code,
            1);
  writeText(dir_ / ".keyshift.json", R"({"baseline": "base.json"})");
  EXPECT_EQ(run({"audit", "--kind", "hardcoded-key", "--quiet", "."}).code, 0);
}

TEST_F(KeyAuditTest, StagedChecksTheIndexNotTheWorkingTree) {
  git("init -q");
  const std::string key = fakeOpenAiKey(KeyShape::Project, 10);
  writeText(dir_ / "settings.yaml", "openai:\n  key: " + key + "\n");
  writeText(dir_ / "clean.txt", "nothing\n");
  git("add -A");
  // The key is deleted from the working tree but still staged: it blocks.
  writeText(dir_ / "settings.yaml", "openai:\n  key: ${OPENAI_API_KEY}\n");
  Outcome staged = run({"check", "--staged", "--kind", "hardcoded-key"});
  EXPECT_EQ(staged.code, 1) << staged.out << staged.err;
  EXPECT_NE(staged.out.find("settings.yaml:2:8: error:"), std::string::npos)
      << staged.out;
  EXPECT_EQ(staged.out.find(key), std::string::npos);
  // Named files restrict the check to them (what pre-commit passes).
  EXPECT_EQ(
      run({"check", "--staged", "--kind", "hardcoded-key", "clean.txt"}).code,
      0);
  EXPECT_EQ(run({"check", "--kind", "hardcoded-key", "settings.yaml"}).code, 0)
      << "the working tree copy is clean";
  // An unstaged key does not block a staged check.
  git("add -A");
  git("commit -q -m clean");
  writeText(dir_ / "clean.txt", key + "\n");
  EXPECT_EQ(run({"check", "--staged", "--kind", "hardcoded-key"}).code, 0);
  git("add clean.txt");
  EXPECT_EQ(run({"check", "--staged", "--kind", "hardcoded-key"}).code, 1);
  // Named files are read from the index whether or not they changed, as
  // `pre-commit run --all-files` needs.
  git("commit -q -m key");
  EXPECT_EQ(run({"check", "--staged", "--kind", "hardcoded-key"}).code, 0);
  EXPECT_EQ(
      run({"check", "--staged", "--kind", "hardcoded-key", "clean.txt"}).code,
      1);
}

TEST_F(KeyAuditTest, StagedOutsideAWorkTreeIsAUsageError) {
  Outcome r = run({"check", "--staged", "--kind", "hardcoded-key"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("not in a git work tree"), std::string::npos);
}

TEST_F(KeyAuditTest, HistoryFindsKeysDeletedFromHeadOnceAcrossRenames) {
  git("init -q");
  const std::string gone = fakeOpenAiKey(KeyShape::ServiceAccount, 11);
  const std::string kept = fakeOpenAiKey(KeyShape::User, 12);
  writeText(dir_ / "README.md", "# app\n");
  git("add -A");
  git("commit -q -m init");
  writeText(dir_ / "a.env", "X=1\nK=" + gone + "\n");
  writeText(dir_ / "old.cfg", "key=" + kept + "\n");
  git("add -A");
  git("commit -q -m keys");
  writeText(dir_ / "a.env", "X=1\n");
  git("mv old.cfg new.cfg");
  git("add -A");
  git("commit -q -m cleanup");

  EXPECT_EQ(run({"audit", "--kind", "hardcoded-key", "--quiet", "a.env"}).code,
            0)
      << "HEAD no longer holds it";
  Outcome h = run({"audit", "--history", "--quiet"});
  EXPECT_EQ(h.code, 1) << h.err;
  const std::string sha = [&] {
    std::string cmd = "git -C '" + dir_.string() + "' rev-parse HEAD~1";
    FILE *p = ::popen(cmd.c_str(), "r");
    char buf[64] = {};
    std::fgets(buf, sizeof buf, p);
    ::pclose(p);
    return std::string(buf, 12);
  }();
  EXPECT_NE(h.out.find(sha + ":a.env:2:3: error:"), std::string::npos) << h.out;
  EXPECT_NE(h.out.find(sha + ":old.cfg:1:5: error:"), std::string::npos);
  EXPECT_EQ(h.out.find("new.cfg"), std::string::npos)
      << "a rename adds no line: reported once, where the key was added";
  EXPECT_EQ(h.out.find(gone), std::string::npos);

  Outcome json = run({"audit", "--history", "--format", "json", "--quiet"});
  EXPECT_NE(json.out.find("\"file\":\"a.env\",\"commit\":\"" + sha),
            std::string::npos)
      << json.out;
  // Range and path limits.
  EXPECT_EQ(run({"audit", "--history=HEAD~1..HEAD", "--quiet"}).code, 0);
  Outcome only = run({"audit", "--history", "--quiet", "old.cfg"});
  EXPECT_EQ(only.out.find("a.env"), std::string::npos) << only.out;
  EXPECT_EQ(run({"audit", "--history=nope", "--quiet"}).code, 2);
  // The same fingerprints and baseline: a baselined key is silent in
  // history too, whatever the file is called now.
  EXPECT_EQ(
      run({"audit", "--history", "--quiet", "--write-baseline", "base.json"})
          .code,
      1);
  EXPECT_EQ(
      run({"audit", "--history", "--quiet", "--baseline", "base.json"}).code,
      0);
}

} // namespace
} // namespace keyshift::cli
