// What an engine reports for one place in a file: the rule that fired, the
// finding's kind (DESIGN §5), and the change it proposes, if any. Engines
// produce findings; the driver reconciles their changes (EditSet) and sets
// the final action; printers show them. Below match/ and secrets/, so every
// layer can speak of findings without depending on an engine.
#ifndef KEYSHIFT_FINDING_FINDING_H_
#define KEYSHIFT_FINDING_FINDING_H_

#include "base/byte_range.h"
#include "base/finding_kind.h"
#include "base/severity.h"
#include "finding/secret_info.h"
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

struct Finding {
  std::string rule_id;
  FindingKind kind = FindingKind::NeedsReview;
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
  /// The environment variable this finding reads or sets
  /// ("OPENAI_API_KEY"), or empty. A variable is one flow across the
  /// repository: its code reads and config entries move together or not at
  /// all, so whatever plans the run needs every site of one name.
  std::string env_name;
  /// The key variable whose move this change belongs to, or empty when it
  /// stands alone: a config base URL moves only together with the key of
  /// its scope, so it is vetoed whenever that key's rename is.
  std::string flow;
};

} // namespace keyshift

#endif // KEYSHIFT_FINDING_FINDING_H_
