// What a matcher reports for one place in a file: the rule that fired, the
// finding's kind (DESIGN §5), and the change it proposes, if any. Matchers
// produce findings; the driver reconciles their changes (EditSet) and sets
// the final action; printers show them.
#ifndef KEYSHIFT_MATCH_FINDING_H_
#define KEYSHIFT_MATCH_FINDING_H_

#include "base/byte_range.h"
#include "base/severity.h"
#include "rewrite/edit.h"

#include <optional>
#include <string>
#include <string_view>

namespace keyshift {

/// What happened to a finding in the end.
enum class FindingAction {
  Rewritten, ///< its change was accepted
  Reported,  ///< nothing to change (or report-only rule)
  Skipped,   ///< it had a change, but it conflicted or broke the file
};

std::string_view findingActionName(FindingAction a);

/// A hard-coded secret, never in clear: redacted form plus fingerprint.
struct SecretInfo {
  std::string type;        ///< "openai-api-key", "openai-project-key", ...
  std::string fingerprint; ///< stable hash, safe to store in a baseline
  std::string redacted;    ///< "sk-proj-…Ab12"
};

struct Finding {
  std::string rule_id;
  std::string kind; ///< client-construction, env-key-ref, hardcoded-key, ...
  Severity severity = Severity::Warning;
  std::string message;
  ByteRange range; ///< where, in SourceFile::content()
  FindingAction action = FindingAction::Reported;
  std::string before; ///< source snippet (secrets redacted)
  std::string after;  ///< what it becomes, when rewritten
  std::optional<SecretInfo> secret;
  std::optional<ChangeGroup> change; ///< the proposed fix, if any
  /// A client here could not be migrated (its key is unknown): no base URL
  /// in this file may move to the proxy on its own, since it might be this
  /// client's (reconcile turns such endpoint/env rewrites into reports).
  bool blocks_base_url = false;
};

} // namespace keyshift

#endif // KEYSHIFT_MATCH_FINDING_H_
