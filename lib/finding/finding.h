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
#include <vector>

namespace keyshift {

/// Another place that takes part in a finding's decision (the chain a
/// reviewer follows: `llm.py:12 takes its key from settings.py:4`).
struct RelatedSite {
  std::string file; ///< repository path
  unsigned line = 0;
  unsigned column = 0;
  std::string message;
};

/// "settings.py:4": where a related site is, for messages.
std::string whereIs(const RelatedSite &site);

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

  // Flows (the repository plan, driver/repo_plan.h). An environment
  // variable name is one flow across the repository: every finding that
  // reads, renames or relies on the rename of a variable names it here, and
  // the plan moves all of them or none.
  /// Variables this finding reads; with a change, the change renames them
  /// or relies on their rename elsewhere; without one (needs-review), it
  /// is a consumer that cannot move, which blocks them everywhere.
  std::vector<std::string> flow_envs;
  /// A client whose key is a module-level name, as its file resolves it:
  /// "pkg.settings.KEY", ".settings.KEY" (relative) or "@KEY" (this
  /// module's own); `key_at` is where that name is used.
  std::string key_symbol;
  std::size_t key_at = 0;
  /// A read renamed to K whose value also goes where keyshift does not
  /// follow (into an unknown function, a returned or stored object): the
  /// plan holds it back when some code that stays on OpenAI sends a key
  /// keyshift cannot trace, since that key could be this value.
  std::optional<RelatedSite> escapes_to;
  /// A consumer that stays on OpenAI sending a key keyshift cannot trace
  /// (a parameter, a field, a call's result): any OpenAI key read whose
  /// value escapes could reach it.
  bool opaque_key = false;
  /// A model name that is a module-level name (spelled like key_symbol),
  /// passed at `model_at` to a call whose client moves to the proxy (or is
  /// on it already, `model_client_moves`): the plan gives the name's value
  /// the proxy's naming where it is set, when every use of it is such a
  /// call (RepoPlan "model flows"). key_symbol and flow_envs are then the
  /// client's, so the name moves with the client or not at all.
  std::string model_symbol;
  std::size_t model_at = 0;
  bool model_client_moves = false;
  /// The site sets the variables of `flow_envs` from a value keyshift cannot
  /// check (`os.environ["OPENAI_API_KEY"] = vault()`): it holds their flow,
  /// and a client relying on the SDK's own read of them stays with it
  /// (FlowQuery::setByCode).
  bool sets_env = false;
  /// Index pass: a client whose class is imported from a module of the
  /// repository (`import { OpenAI } from "./sdk"`), as its file resolves
  /// it, and the rule's symbols: the plan counts it as a client only when
  /// that module's re-exports reach one of them (FlowQuery::reExported).
  /// On a key read passed to such a class, the read moves only then.
  std::string client_symbol;
  std::vector<std::string> client_symbols;
  /// The chain behind the decision, for the outputs.
  std::vector<RelatedSite> related;
};

} // namespace keyshift

#endif // KEYSHIFT_FINDING_FINDING_H_
