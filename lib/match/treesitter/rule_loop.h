// The one rule loop of the tree-sitter engine: each rule's compiled query
// over the tree, its `where` constraints, the located capture, then the
// rule's action. Shared policy lives here: a match on code tree-sitter
// could not parse is reported and skipped, as is a finding whose edits
// touch such code; a client left for review blocks base-URL rewrites
// (Finding::blocks_base_url).
#ifndef KEYSHIFT_MATCH_TREESITTER_RULE_LOOP_H_
#define KEYSHIFT_MATCH_TREESITTER_RULE_LOOP_H_

#include "finding/finding.h"
#include "finding/flow.h"
#include "match/treesitter/query.h"

#include <tree_sitter/api.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::ruleset {
struct Rule;
}

namespace keyshift::ts {

class Parents;
class Scopes;

/// A rule's compiled query, or null when it has none (it did not compile).
using QueryOf = std::function<const Query *(const ruleset::Rule &rule)>;

/// What the engine does with one match: the finding, or nothing.
using MatchAction = std::function<std::optional<Finding>(
    const ruleset::Rule &rule, const QueryMatch &match, TSNode located)>;

/// A client rule's class met through a module of the repository
/// (`import { OpenAI } from "./sdk"`, sdk.ts re-exporting the SDK's).
struct ThroughModule {
  std::string symbol; ///< as the file resolves it: "./sdk.OpenAI"
  /// Index pass: the rule's symbols, for the plan to check (no plan yet).
  std::vector<std::string> pending;
  /// A re-export on the way names a module the index cannot read, and the
  /// name there is spelled as one of the rule's: maybe the SDK's class.
  bool unproven = false;
};

/// Whether every `where` constraint of `rule` holds for the match: symbols
/// through `scopes`, regex/one_of/equals on the capture's text. With
/// `flows` and `through`, a client rule's symbol may also be met through
/// the re-exports of a module of the repository (FlowQuery::reExported),
/// said in `*through`.
bool constraintsHold(const ruleset::Rule &rule, const QueryMatch &match,
                     std::string_view text, const Scopes &scopes,
                     const FlowQuery *flows = nullptr,
                     ThroughModule *through = nullptr);

/// Drops every change in `findings`, adding `note` to their messages; a
/// dropped change becomes needs-review (keys stay hard-coded keys), so the
/// variables it reads are held back everywhere (driver/repo_plan.h): no
/// other file renames a key this file may still send.
void holdChanges(std::vector<Finding> &findings, std::string_view note);

/// Findings for client constructions in code tree-sitter could not parse
/// (`c = OpenAI( ]`): the query cannot match such a call, so an ERROR node
/// holding a name that resolves to one of the client rules' symbols is
/// reported as `<language>.syntax-error`. Empty when the tree has no error.
std::vector<Finding>
clientsInBrokenCode(const std::vector<const ruleset::Rule *> &rules,
                    TSNode root, std::string_view text, const Scopes &scopes,
                    std::string_view language);

/// Returns false when a query was cut short by the match budget
/// (budget.h): `out` is then incomplete.
/// `flows`: the repository plan, for classes re-exported by a module of
/// the repository (constraintsHold).
bool runRules(const std::vector<const ruleset::Rule *> &rules,
              const QueryOf &query, TSNode root, std::string_view text,
              const Scopes &scopes, const Parents &parents,
              const MatchAction &act, std::vector<Finding> &out,
              const FlowQuery *flows = nullptr);

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_RULE_LOOP_H_
