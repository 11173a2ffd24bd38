// The summary's words and the exit status agree (issue "Release"): nothing
// is "changed" unless --apply wrote it, and `migrate --check` fails exactly
// when the summary names something to do.
#include "cli/cli_fixture.h"

namespace keyshift::cli {
namespace {

using testing::readText;
using testing::writeText;

TEST_F(CliTest, CheckFailsOnASiteThatNeedsReviewAndTheSummarySaysSo) {
  writeText(dir_ / "app.py", "from openai import OpenAI\n"
                             "settings = {\"timeout\": 30}\n"
                             "client = OpenAI(**settings)\n");
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

} // namespace
} // namespace keyshift::cli
