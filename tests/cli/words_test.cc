// The summary's words and the exit status agree (issue "Release"): nothing
// is "changed" unless --apply wrote it, and `migrate --check` fails exactly
// when the summary names something to do.
#include "cli/cli_fixture.h"

namespace keyshift::cli {
namespace {

using keyshift::testing::readText;
using keyshift::testing::writeText;
using testing::CliFixture;
using testing::CliTest;
using testing::Outcome;

TEST_F(CliTest, CheckFailsOnASiteThatNeedsReviewAndTheSummarySaysSo) {
  // A key from a helper keyshift cannot see through: a site to review.
  writeText(dir_ / "app.py", "from openai import OpenAI\n"
                             "from vault import load_key\n"
                             "client = OpenAI(api_key=load_key())\n");
  Outcome r = run({"migrate", "--check", "--deterministic", "."});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "") << "nothing to rewrite";
  EXPECT_NE(r.err.find("0 files would change, 1 site needs review"),
            std::string::npos)
      << r.err;
}

TEST_F(CliTest, CleanCheckNamesNothingToDo) {
  writeText(dir_ / "app.py", "print('hello')\n");
  Outcome r = run({"migrate", "--check", "--deterministic", "."});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.err.find("0 files would change, 0 findings"), std::string::npos)
      << r.err;
}

TEST_F(CliTest, OnlyApplySaysChangedAndMarksTheAuditLogApplied) {
  writeText(dir_ / "app.py", "from openai import OpenAI\nc = OpenAI()\n");
  Outcome dry = run({"migrate", "--audit-log", "dry.jsonl", "."});
  EXPECT_EQ(dry.code, 0) << dry.err;
  EXPECT_NE(dry.err.find("1 file would change"), std::string::npos) << dry.err;
  std::string dry_log = readText(dir_ / "dry.jsonl");
  EXPECT_NE(dry_log.find("\"action\":\"rewritten\",\"applied\":false"),
            std::string::npos)
      << dry_log;

  Outcome audit = run({"audit", "."});
  EXPECT_NE(audit.err.find("1 file would change"), std::string::npos)
      << audit.err;
  EXPECT_EQ(audit.err.find(" changed"), std::string::npos) << audit.err;

  Outcome applied =
      run({"migrate", "--apply", "--audit-log", "applied.jsonl", "."});
  EXPECT_EQ(applied.code, 0) << applied.err;
  EXPECT_NE(applied.err.find("1 file changed"), std::string::npos)
      << applied.err;
  std::string log = readText(dir_ / "applied.jsonl");
  EXPECT_NE(log.find("\"action\":\"rewritten\",\"applied\":true"),
            std::string::npos)
      << log;
}

// Rough edges from the issue, each with the message a user should see.
TEST_F(CliTest, AMissingPathIsNamedBeforeAnyConfigurationProblem) {
  std::filesystem::remove(dir_ / ".keyshift.json");
  Outcome r = run({"migrate", "nonexistent"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("nonexistent: no such file or directory"),
            std::string::npos)
      << r.err;
}

TEST_F(CliTest, MissingRuleAndBaselineFilesAreUsageErrors) {
  writeText(dir_ / "app.py", "x = 1\n");
  Outcome rules = run({"migrate", "--rules", "missing.json", "."});
  EXPECT_EQ(rules.code, 2) << rules.err;
  EXPECT_NE(rules.err.find("missing.json: cannot read rule file"),
            std::string::npos);
  Outcome baseline = run({"audit", "--baseline", "missing.json", "."});
  EXPECT_EQ(baseline.code, 2) << baseline.err;
  EXPECT_NE(baseline.err.find("missing.json: baseline file does not exist"),
            std::string::npos)
      << baseline.err;
  Outcome writing =
      run({"audit", "--baseline", "b.json", "--write-baseline", "b.json", "."});
  EXPECT_EQ(writing.code, 0) << "the run that writes it: " << writing.err;
}

TEST_F(CliTest, TopLevelHelpListsVersion) {
  Outcome r = run({"--help"});
  EXPECT_NE(r.out.find("--version"), std::string::npos) << r.out;
}

TEST_F(CliFixture, InitWithAPresetIsReadyToMigrate) {
  writeText(dir_ / "app.py", "from openai import OpenAI\nclient = OpenAI()\n");
  Outcome init = run({"init", "--preset", "litellm"});
  EXPECT_EQ(init.code, 0) << init.err;
  EXPECT_NE(init.err.find("next: `keyshift migrate .`"), std::string::npos)
      << init.err;
  Outcome migrate = run({"migrate", "."});
  EXPECT_EQ(migrate.code, 0) << migrate.err;
  EXPECT_NE(migrate.out.find("LITELLM_API_KEY"), std::string::npos)
      << migrate.out;

  Outcome typo = run({"init", "--force", "--preset", "litelm"});
  EXPECT_EQ(typo.code, 2);
  EXPECT_NE(typo.err.find("unknown preset 'litelm' (did you mean 'litellm'"),
            std::string::npos)
      << typo.err;
}

} // namespace
} // namespace keyshift::cli
