#include "secrets/key_findings.h"
#include "secrets/redaction.h"
#include "support/fake_key.h"

#include <gtest/gtest.h>

namespace keyshift::secrets {
namespace {

using keyshift::testing::fakeOpenAiKey;
using keyshift::testing::KeyShape;

TEST(ScanKeysTest, KeysAreErrorsOfTheScannerRuleWithoutAFix) {
  const std::string key = fakeOpenAiKey(KeyShape::Project, 1);
  const std::string text = "# notes\nOPENAI_API_KEY=" + key + "\n";
  auto found = scanKeys(text, {});
  ASSERT_EQ(found.size(), 1u);
  const Finding &f = found[0];
  EXPECT_EQ(f.rule_id, kKeyRuleId);
  EXPECT_EQ(f.kind, FindingKind::HardcodedKey);
  EXPECT_EQ(f.severity, Severity::Error);
  EXPECT_EQ(f.range, (ByteRange{text.find(key), key.size()}));
  EXPECT_FALSE(f.change.has_value());
  ASSERT_TRUE(f.secret.has_value());
  EXPECT_EQ(f.secret->fingerprint, fingerprint(key));
  EXPECT_EQ(f.secret->type, "openai-project-key");
  EXPECT_EQ(f.before, redact(key));
  EXPECT_NE(f.message.find("read it from the environment"), std::string::npos);
}

TEST(ScanKeysTest, PossibleKeysAreNotes) {
  const std::string token = fakeOpenAiKey(KeyShape::NoMarker, 2);
  auto found = scanKeys("k: " + token + "\n", {});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule_id, kPossibleKeyRuleId);
  EXPECT_EQ(found[0].kind, FindingKind::PossibleKey);
  EXPECT_EQ(found[0].severity, Severity::Note);
  EXPECT_EQ(found[0].before, redact(token));
}

TEST(ScanKeysTest, EncodedKeysAreFingerprintedAsTheKeyItself) {
  const std::string key = fakeOpenAiKey(KeyShape::User, 3);
  const std::string text =
      "k = \"" + key.substr(0, 30) + "\" \"" + key.substr(30) + "\"\n";
  ScanOptions deep;
  deep.deep = true;
  auto found = scanKeys(text, deep);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].secret->fingerprint, fingerprint(key));
  EXPECT_NE(found[0].message.find("split"), std::string::npos);
}

TEST(ScannerRulesTest, IdsAreKnown) {
  EXPECT_TRUE(isScannerRule("secrets.hardcoded-key"));
  EXPECT_TRUE(isScannerRule("secrets.possible-key"));
  EXPECT_FALSE(isScannerRule("python.hardcoded-key"));
}

} // namespace
} // namespace keyshift::secrets
