// The byte scanner's findings: every key findSecrets sees in a file, as
// Findings of two built-in rules that belong to no language. They carry no
// fix (the language engines propose the rewrite, and the driver keeps one
// finding per key when an engine saw it too: driver/process_file.h).
//
//   scanKeys("OPENAI_API_KEY=sk-proj-…\n", {}) ->
//     {rule "secrets.hardcoded-key", kind HardcodedKey, severity error,
//      before "sk-proj-…Ab12", secret {type, fingerprint, redacted}}
#ifndef KEYSHIFT_SECRETS_KEY_FINDINGS_H_
#define KEYSHIFT_SECRETS_KEY_FINDINGS_H_

#include "base/severity.h"
#include "finding/finding.h"
#include "secrets/find_secrets.h"

#include <array>
#include <string_view>
#include <vector>

namespace keyshift::secrets {

/// A rule of the byte scanner, described for `keyshift rules`, SARIF and
/// the CLI's --kind/--disable checks.
struct ScannerRule {
  std::string_view id;
  FindingKind kind;
  Severity severity;
  std::string_view message;
  std::string_view description;
};

inline constexpr std::string_view kKeyRuleId = "secrets.hardcoded-key";
inline constexpr std::string_view kPossibleKeyRuleId = "secrets.possible-key";

const std::array<ScannerRule, 2> &scannerRules();

/// True for the ids of scannerRules().
bool isScannerRule(std::string_view rule_id);

/// Findings for every key in `content` (action Reported, no change), in
/// order of offset.
std::vector<Finding> scanKeys(std::string_view content,
                              const ScanOptions &options);

} // namespace keyshift::secrets

#endif // KEYSHIFT_SECRETS_KEY_FINDINGS_H_
