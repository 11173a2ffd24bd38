// reconcile(): the step between matchers and printers. Findings are made by
// hand here so each rule of reconciliation is tested on its own.
#include "driver/process_file.h"
#include "secrets/baseline.h"
#include "secrets/redaction.h"
#include "support/fake_key.h"

#include <gtest/gtest.h>

namespace keyshift::driver {
namespace {

Finding finding(std::string rule, std::size_t offset, std::size_t length,
                std::string replacement) {
  Finding f;
  f.rule_id = rule;
  f.kind = FindingKind::EndpointLiteral;
  f.range = ByteRange{offset, length};
  f.change = ChangeGroup{rule, {Edit{f.range, std::move(replacement), rule}}};
  return f;
}

std::vector<std::string> kinds(const FileOutcome &o) {
  std::vector<std::string> out;
  for (const Finding &f : o.findings)
    out.push_back(std::string(findingKindName(f.kind)) + ":" +
                  std::string(findingActionName(f.action)));
  return out;
}

/// "Syntax errors" are '!' characters: enough to test verification.
class BangChecker final : public SyntaxChecker {
public:
  std::size_t errorCount(std::string_view text) const override {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '!'));
  }
};

TEST(ReconcileTest, FirstRuleWinsAndTheConflictIsReported) {
  SourceFile file("a.py", "abcdef\n", Language::Python);
  auto out = reconcile(
      file, {finding("r1", 0, 3, "X"), finding("r2", 2, 2, "Y")}, nullptr, {});
  EXPECT_EQ(out.new_content, "Xdef\n");
  EXPECT_EQ(kinds(out), (std::vector<std::string>{"endpoint-literal:rewritten",
                                                  "endpoint-literal:skipped",
                                                  "conflict:skipped"}));
  EXPECT_NE(out.findings[2].message.find("r1"), std::string::npos);
}

TEST(ReconcileTest, AChangeThatBreaksTheFileIsDroppedAsRewriteFailed) {
  SourceFile file("a.py", "one two\n", Language::Python);
  BangChecker checker;
  auto out =
      reconcile(file, {finding("ok", 0, 3, "ONE"), finding("bad", 4, 3, "tw!")},
                &checker, {});
  EXPECT_EQ(out.new_content, "ONE two\n");
  ASSERT_EQ(out.edits.size(), 1u);
  EXPECT_EQ(kinds(out), (std::vector<std::string>{"endpoint-literal:rewritten",
                                                  "endpoint-literal:skipped",
                                                  "rewrite-failed:skipped"}));
}

TEST(ReconcileTest, InlineIgnoreSilencesAFinding) {
  SourceFile file("a.py", "x = 1  # keyshift: ignore\ny = 2\n",
                  Language::Python);
  auto out = reconcile(
      file, {finding("r", 0, 1, "z"), finding("r", 26, 1, "w")}, nullptr, {});
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].range.offset, 26u);
  EXPECT_EQ(out.new_content, "x = 1  # keyshift: ignore\nw = 2\n");
}

TEST(ReconcileTest, BaselinedSecretsAreDropped) {
  SourceFile file("cfg.py", "K = 'xxxx'\n", Language::Python);
  Finding known = finding("python.hardcoded-key", 4, 6, "os.environ['K']");
  known.secret =
      SecretInfo{"openai-api-key", "sha256:0123456789abcdef", "sk-…"};
  Finding other = known;
  other.secret->fingerprint = "sha256:fedcba9876543210";
  secrets::Baseline baseline;
  baseline.add("sha256:0123456789abcdef", "cfg.py", "python.hardcoded-key");
  auto silenced = reconcile(file, {known}, nullptr, {&baseline});
  EXPECT_TRUE(silenced.findings.empty());
  EXPECT_FALSE(silenced.changed());
  auto kept = reconcile(file, {other}, nullptr, {&baseline});
  EXPECT_EQ(kept.findings.size(), 1u);
}

ProcessOptions scanning() {
  ProcessOptions o;
  o.keys.enabled = true;
  return o;
}

/// What an engine reports for a key literal at `offset` (quotes included).
Finding engineKey(const std::string &key, std::size_t offset) {
  Finding f = finding("python.hardcoded-key", offset, key.size() + 2,
                      "os.environ['K']");
  f.kind = FindingKind::HardcodedKey;
  f.secret = secrets::describe(key);
  return f;
}

TEST(ReconcileTest, ScannerFindsKeysNoEngineSaw) {
  const std::string key = testing::fakeOpenAiKey(testing::KeyShape::Project, 1);
  SourceFile file("a.py", "# old key: " + key + "\n", Language::Python);
  auto out = reconcile(file, {}, nullptr, scanning());
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].rule_id, "secrets.hardcoded-key");
  EXPECT_EQ(out.findings[0].range.offset, 11u);
  EXPECT_TRUE(reconcile(file, {}, nullptr, {}).findings.empty())
      << "the scanner runs only when asked";
}

TEST(ReconcileTest, OneFindingPerKeyWhenAnEngineSawItToo) {
  const std::string key = testing::fakeOpenAiKey(testing::KeyShape::User, 2);
  const std::string other = testing::fakeOpenAiKey(testing::KeyShape::Admin, 2);
  SourceFile file("a.py", "K = '" + key + "'  # " + other + "\n",
                  Language::Python);
  auto out = reconcile(file, {engineKey(key, 4)}, nullptr, scanning());
  ASSERT_EQ(out.findings.size(), 2u);
  EXPECT_EQ(out.findings[0].rule_id, "python.hardcoded-key");
  EXPECT_EQ(out.findings[0].action, FindingAction::Rewritten);
  EXPECT_EQ(out.findings[1].rule_id, "secrets.hardcoded-key");
  EXPECT_EQ(out.findings[1].secret->fingerprint, secrets::fingerprint(other));
}

TEST(ReconcileTest, AnyKeyRuleIgnoreSilencesTheScannersFinding) {
  const std::string key = testing::fakeOpenAiKey(testing::KeyShape::User, 3);
  for (const std::string &ignore :
       {std::string("keyshift: ignore"),
        std::string("keyshift: ignore[python.hardcoded-key]"),
        std::string("keyshift: ignore[secrets.hardcoded-key]")}) {
    SourceFile file("a.py", "# " + key + "  # " + ignore + "\n",
                    Language::Python);
    EXPECT_TRUE(reconcile(file, {}, nullptr, scanning()).findings.empty())
        << ignore;
  }
  SourceFile other("a.py", "# " + key + "  # keyshift: ignore[python.x]\n",
                   Language::Python);
  EXPECT_EQ(reconcile(other, {}, nullptr, scanning()).findings.size(), 1u);
}

TEST(ReconcileTest, ForeignMarkersSilenceKeysOnlyWhenHonoured) {
  const std::string key = testing::fakeOpenAiKey(testing::KeyShape::User, 4);
  SourceFile file("a.env", "K=" + key + " # gitleaks:allow\n", Language::Env);
  EXPECT_EQ(reconcile(file, {}, nullptr, scanning()).findings.size(), 1u);
  ProcessOptions honour = scanning();
  honour.keys.foreign_ignores = true;
  EXPECT_TRUE(reconcile(file, {}, nullptr, honour).findings.empty());
}

TEST(ReconcileTest, BaselineSilencesScannedKeys) {
  const std::string key = testing::fakeOpenAiKey(testing::KeyShape::User, 5);
  SourceFile file("conf/app.ini", "key=" + key + "\n", Language::Unknown);
  secrets::Baseline baseline;
  baseline.add(secrets::fingerprint(key), "conf/app.ini", "x");
  ProcessOptions o = scanning();
  o.baseline = &baseline;
  EXPECT_TRUE(reconcile(file, {}, nullptr, o).findings.empty());
}

TEST(ReconcileTest, FindingsComeOutInFileOrder) {
  SourceFile file("a.py", "abcdef\n", Language::Python);
  auto out = reconcile(file, {finding("z", 4, 1, "E"), finding("a", 0, 1, "A")},
                       nullptr, {});
  ASSERT_EQ(out.findings.size(), 2u);
  EXPECT_EQ(out.findings[0].range.offset, 0u);
  EXPECT_EQ(out.new_content, "AbcdEf\n");
}

} // namespace
} // namespace keyshift::driver
