#include "secrets/key_findings.h"

#include "secrets/redaction.h"

namespace keyshift::secrets {

const std::array<ScannerRule, 2> &scannerRules() {
  static const std::array<ScannerRule, 2> rules{{
      {kKeyRuleId, FindingKind::HardcodedKey, Severity::Error,
       "hard-coded OpenAI API key: read it from the environment",
       "An OpenAI key (user, project, service-account, admin), recognised by "
       "its structure in any text file, whatever the language: source, "
       "comments, .env, YAML, JSON, notebooks, logs. Findings carry a "
       "redacted form and a fingerprint, never the key. Rotate the key (it "
       "is in your history) and read it from the environment; where a "
       "language engine sees the key too, its finding carries the rewrite."},
      {kPossibleKeyRuleId, FindingKind::PossibleKey, Severity::Note,
       "possible OpenAI API key (an OpenAI prefix without the marker real "
       "keys carry): if it is a key, rotate it and read it from the "
       "environment",
       "A random-looking token with an OpenAI key prefix (sk-proj-, "
       "sk-svcacct-, sk-admin-, sk-None-, or sk- and 48 characters) but "
       "without the marker every OpenAI key carries: a damaged key, or a "
       "key in a format keyshift does not know. A note: it does not fail "
       "`check`."},
  }};
  return rules;
}

bool isScannerRule(std::string_view rule_id) {
  for (const ScannerRule &r : scannerRules())
    if (r.id == rule_id)
      return true;
  return false;
}

std::vector<Finding> scanKeys(std::string_view content,
                              const ScanOptions &options) {
  std::vector<Finding> out;
  for (SecretMatch &m : findSecrets(content, options)) {
    const ScannerRule &rule =
        scannerRules()[m.confidence == Confidence::Key ? 0 : 1];
    const std::string_view key =
        m.encoding == KeyEncoding::Plain
            ? content.substr(m.range.offset, m.range.length)
            : std::string_view(m.decoded);
    Finding f;
    f.rule_id = std::string(rule.id);
    f.kind = rule.kind;
    f.severity = rule.severity;
    f.message = std::string(rule.message);
    if (m.encoding == KeyEncoding::Split)
      f.message += " (split over adjacent string literals)";
    else if (m.encoding == KeyEncoding::Base64)
      f.message += " (base64-encoded)";
    f.range = m.range;
    f.secret = SecretInfo{m.type, fingerprint(key), redact(key)};
    f.before = f.secret->redacted;
    out.push_back(std::move(f));
  }
  return out;
}

} // namespace keyshift::secrets
