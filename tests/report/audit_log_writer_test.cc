#include "report/audit_log_writer.h"
#include "report_test_util.h"

#include <gtest/gtest.h>

#include <sstream>

namespace keyshift::report {
namespace {

using testing::fakeProjectKey;
using testing::makeFinding;
using testing::makeOutcome;

TEST(AuditLogWriterTest, FindingLineHasKeysInFixedOrder) {
  std::ostringstream out;
  AuditLogWriter writer(out);
  auto o = makeOutcome("src/app.py",
                       "import os\nk = os.getenv(\"OPENAI_API_KEY\")\n");
  o.outcome.display_path = "../src/app.py";
  o.outcome.findings = {makeFinding(24, 16)};
  writer.file(o.outcome);
  EXPECT_EQ(out.str(),
            "{\"schema\":1,\"rule\":\"py-env-key\",\"kind\":\"env-key-ref\","
            "\"severity\":\"warning\",\"action\":\"rewritten\","
            "\"applied\":false,\"file\":\"src/"
            "app.py\",\"line\":2,\"column\":15,\"end_line\":2,"
            "\"end_column\":31,\"message\":\"reads OPENAI_API_KEY\","
            "\"before\":\"OPENAI_API_KEY\",\"after\":\"LLM_KEY\"}\n");
}

TEST(AuditLogWriterTest, HistoryFindingsNameTheirCommitAfterTheFile) {
  std::ostringstream out;
  AuditLogWriter writer(out);
  auto o = makeOutcome("app.env", "K=1\n");
  o.outcome.revision = "0123456789abcdef0123456789abcdef01234567";
  o.outcome.findings = {makeFinding(2, 1)};
  writer.file(o.outcome);
  EXPECT_NE(out.str().find("\"file\":\"app.env\",\"commit\":\"" +
                           o.outcome.revision + "\",\"line\":1"),
            std::string::npos)
      << out.str();
}

// "rewritten" is the change keyshift proposes; "applied" says whether
// --apply wrote it. A reported finding is never applied.
TEST(AuditLogWriterTest, AppliedOnlyForRewrittenFindingsOfWrittenFiles) {
  auto line = [](bool written, FindingAction action) {
    std::ostringstream out;
    AuditLogWriter writer(out);
    auto o = makeOutcome("a.py", "x\n");
    o.outcome.written = written;
    Finding f = makeFinding(0, 1);
    f.action = action;
    o.outcome.findings = {f};
    writer.file(o.outcome);
    return out.str();
  };
  EXPECT_NE(line(true, FindingAction::Rewritten)
                .find("\"action\":\"rewritten\",\"applied\":true,"),
            std::string::npos);
  EXPECT_NE(line(false, FindingAction::Rewritten)
                .find("\"action\":\"rewritten\",\"applied\":false,"),
            std::string::npos);
  EXPECT_NE(line(true, FindingAction::Reported)
                .find("\"action\":\"reported\",\"applied\":false,"),
            std::string::npos);
}

TEST(AuditLogWriterTest, ColumnsCountBytesOfMultibyteCharacters) {
  std::ostringstream out;
  AuditLogWriter writer(out);
  // "é" is two bytes and the key emoji four: "OpenAI(" starts at byte
  // offset 9, column 10.
  auto o = makeOutcome("a.py", "\xC3\xA9\xF0\x9F\x94\x91 = OpenAI(\n)\n");
  Finding f = makeFinding(9, 9, FindingKind::ClientConstruction);
  f.action = FindingAction::Reported;
  f.severity = Severity::Note;
  f.before = "OpenAI(\n)";
  f.after = "";
  o.outcome.findings = {f};
  writer.file(o.outcome);
  EXPECT_EQ(out.str(),
            "{\"schema\":1,\"rule\":\"py-env-key\",\"kind\":"
            "\"client-construction\",\"severity\":\"note\",\"action\":"
            "\"reported\",\"applied\":false,\"file\":\"a.py\",\"line\":1,"
            "\"column\":10,"
            "\"end_line\":2,\"end_column\":2,\"message\":\"reads "
            "OPENAI_API_KEY\",\"before\":\"OpenAI(\\n)\",\"after\":\"\"}\n");
}

TEST(AuditLogWriterTest, SecretObjectOnlyWhenPresentAndNeverTheKey) {
  std::ostringstream out;
  AuditLogWriter writer(out);
  std::string key = fakeProjectKey();
  std::string redacted = "sk-proj-\xE2\x80\xA6" + key.substr(key.size() - 4);
  auto o = makeOutcome("a.py", "k = \"" + key + "\"\n");
  Finding f = makeFinding(4, key.size() + 2, FindingKind::HardcodedKey);
  f.rule_id = "py-hardcoded-key";
  f.severity = Severity::Error;
  f.message = "hard-coded OpenAI key";
  f.before = "\"" + redacted + "\"";
  f.after = "os.environ[\"LLM_KEY\"]";
  f.secret = SecretInfo{"openai-project-key", "fp:0123abcd", redacted};
  o.outcome.findings = {f};
  writer.file(o.outcome);
  EXPECT_EQ(out.str(),
            "{\"schema\":1,\"rule\":\"py-hardcoded-key\",\"kind\":"
            "\"hardcoded-key\",\"severity\":\"error\",\"action\":"
            "\"rewritten\",\"applied\":false,\"file\":\"a.py\",\"line\":1,"
            "\"column\":5,"
            "\"end_line\":1,\"end_column\":" +
                std::to_string(7 + key.size()) +
                ",\"message\":\"hard-coded OpenAI key\",\"before\":\"\\\"" +
                redacted +
                "\\\"\",\"after\":\"os.environ[\\\"LLM_KEY\\\"]\","
                "\"secret\":{\"type\":\"openai-project-key\",\"fingerprint\":"
                "\"fp:0123abcd\",\"redacted\":\"" +
                redacted + "\"}}\n");
  EXPECT_EQ(out.str().find(key), std::string::npos);
}

TEST(AuditLogWriterTest, RedactorRunsOverFreeText) {
  std::ostringstream out;
  std::string key = fakeProjectKey();
  AuditLogOptions options;
  options.redactor = [&](std::string_view s) {
    std::string text(s);
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key))
      text.replace(at, key.size(), "[REDACTED]");
    return text;
  };
  AuditLogWriter writer(out, options);
  auto o = makeOutcome("a.py", "x\n");
  Finding f = makeFinding(0, 1);
  f.message = "leaked " + key;
  f.before = key;
  f.after = "";
  o.outcome.findings = {f};
  writer.file(o.outcome);
  writer.problem(
      FileProblem{"b.py", FileProblem::Kind::Error, "cannot read " + key});
  EXPECT_EQ(out.str(),
            "{\"schema\":1,\"rule\":\"py-env-key\",\"kind\":\"env-key-ref\","
            "\"severity\":\"warning\",\"action\":\"rewritten\",\"applied\":"
            "false,\"file\":"
            "\"a.py\",\"line\":1,\"column\":1,\"end_line\":1,\"end_column\":2,"
            "\"message\":\"leaked [REDACTED]\",\"before\":\"[REDACTED]\","
            "\"after\":\"\"}\n"
            "{\"schema\":1,\"problem\":{\"file\":\"b.py\",\"kind\":\"error\","
            "\"message\":\"cannot read [REDACTED]\"}}\n");
}

TEST(AuditLogWriterTest, InvalidUtf8IsWrittenAsBase64Bytes) {
  std::ostringstream out;
  AuditLogWriter writer(out);
  auto o = makeOutcome("lat\xE9.py", "x\xE9\n");
  Finding f = makeFinding(0, 2);
  f.before = "x\xE9";
  o.outcome.findings = {f};
  writer.file(o.outcome);
  EXPECT_EQ(out.str(),
            "{\"schema\":1,\"rule\":\"py-env-key\",\"kind\":\"env-key-ref\","
            "\"severity\":\"warning\",\"action\":\"rewritten\",\"applied\":"
            "false,\"file\":"
            "{\"bytes\":\"bGF06S5weQ==\"},\"line\":1,\"column\":1,"
            "\"end_line\":1,\"end_column\":3,\"message\":\"reads "
            "OPENAI_API_KEY\",\"before\":{\"bytes\":\"eOk=\"},\"after\":"
            "\"LLM_KEY\"}\n");
}

TEST(AuditLogWriterTest, ProblemsAndSummaryFollowTheFindings) {
  std::ostringstream out;
  AuditLogWriter writer(out, AuditLogOptions{true, {}});
  writer.problem(
      FileProblem{"big.json", FileProblem::Kind::Skipped, "larger than 1 MiB"});
  writer.problem(
      FileProblem{"gone.py", FileProblem::Kind::Error, "no \"such\" file"});
  RunStats stats;
  stats.files_scanned = 14;
  stats.files_changed = 3;
  stats.findings_by_kind = {{"env-key-ref", 2}, {"client-construction", 3}};
  stats.errors = 1;
  stats.skipped = 2;
  stats.elapsed_ms = 1234;
  writer.endRun(stats);
  EXPECT_EQ(out.str(),
            "{\"schema\":1,\"problem\":{\"file\":\"big.json\",\"kind\":"
            "\"skipped\",\"message\":\"larger than 1 MiB\"}}\n"
            "{\"schema\":1,\"problem\":{\"file\":\"gone.py\",\"kind\":"
            "\"error\",\"message\":\"no \\\"such\\\" file\"}}\n"
            "{\"schema\":1,\"summary\":{\"files_scanned\":14,\"files_changed\":"
            "3,\"findings_by_kind\":{\"client-construction\":3,\"env-key-ref\":"
            "2},\"errors\":1,\"skipped\":2,\"elapsed_ms\":0}}\n");
}

TEST(AuditLogWriterTest, SummaryCarriesElapsedTimeUnlessDeterministic) {
  std::ostringstream out;
  AuditLogWriter writer(out);
  RunStats stats;
  stats.elapsed_ms = 1234;
  writer.endRun(stats);
  EXPECT_EQ(out.str(),
            "{\"schema\":1,\"summary\":{\"files_scanned\":0,\"files_changed\":"
            "0,\"findings_by_kind\":{},\"errors\":0,\"skipped\":0,"
            "\"elapsed_ms\":1234}}\n");
}

TEST(AuditLogWriterTest, FileWithoutFindingsWritesNothing) {
  std::ostringstream out;
  AuditLogWriter writer(out);
  auto o = makeOutcome("a.py", "x\n");
  writer.file(o.outcome);
  EXPECT_EQ(out.str(), "");
}

} // namespace
} // namespace keyshift::report
