#include "match/rule_finding.h"

#include "ruleset/rule.h"

namespace keyshift {

Finding ruleFinding(const ruleset::Rule &rule, ByteRange range,
                    std::string before) {
  return ruleFinding(rule, rule.kind, rule.message, range, std::move(before));
}

Finding ruleFinding(const ruleset::Rule &rule, FindingKind kind,
                    std::string message, ByteRange range, std::string before) {
  Finding f;
  f.rule_id = rule.id;
  f.kind = kind;
  f.severity =
      kind == FindingKind::AlreadyProxied ? Severity::Note : rule.severity;
  f.message = std::move(message);
  f.range = range;
  f.action = FindingAction::Reported;
  f.before = std::move(before);
  return f;
}

} // namespace keyshift
