#include "match/treesitter/rule_loop.h"

#include "match/finding_text.h"
#include "match/rule_finding.h"
#include "match/treesitter/scopes.h"
#include "match/treesitter/tree.h"
#include "ruleset/rule.h"

#include <algorithm>

namespace keyshift::ts {

bool constraintsHold(const ruleset::Rule &rule, const QueryMatch &match,
                     std::string_view text, const Scopes &scopes) {
  for (const auto &c : rule.where) {
    const TSNode *node = match.find(c.capture);
    if (!node)
      return false;
    if (!c.symbols.empty()) {
      auto symbol = scopes.resolve(*node);
      if (!symbol || std::find(c.symbols.begin(), c.symbols.end(), *symbol) ==
                         c.symbols.end())
        return false;
    }
    if (!c.holds(nodeText(*node, text)))
      return false;
  }
  return true;
}

void runRules(const std::vector<const ruleset::Rule *> &rules,
              const Queries &queries, TSNode root, std::string_view text,
              const Scopes &scopes, const MatchAction &act,
              std::vector<Finding> &out) {
  constexpr std::string_view kUnparsed =
      " (not rewritten: the code around it does not parse)";
  using ruleset::ActionType;
  for (const ruleset::Rule *rule : rules) {
    auto it = queries.find(rule->id);
    if (it == queries.end())
      continue;
    for (const QueryMatch &m : it->second->run(root, text)) {
      if (!constraintsHold(*rule, m, text, scopes))
        continue;
      const TSNode *located =
          rule->capture.empty() ? nullptr : m.find(rule->capture);
      if (!located && !m.captures.empty())
        located = &m.captures.front().node;
      if (!located)
        continue;
      // Code tree-sitter could not parse is no base for a rewrite: report
      // the match, change nothing (the rest of the file is still migrated).
      if (ts_node_has_error(*located) &&
          rule->action.type != ActionType::ReportOnly) {
        Finding f = ruleFinding(
            *rule, rule->kind, rule->message + std::string(kUnparsed),
            nodeRange(*located), snippet(nodeText(*located, text)));
        f.action = FindingAction::Skipped;
        out.push_back(std::move(f));
        continue;
      }
      auto finding = act(*rule, m, *located);
      if (!finding)
        continue;
      if (finding->kind == FindingKind::NeedsReview &&
          (rule->action.type == ActionType::SetCallArgument ||
           rule->action.type == ActionType::InsertAfterStatement))
        finding->blocks_base_url = true;
      // Edits next to code tree-sitter could not parse may land anywhere.
      if (finding->change)
        for (const Edit &e : finding->change->edits)
          if (touchesError(root, e.range)) {
            finding->change.reset();
            finding->action = FindingAction::Skipped;
            finding->message += kUnparsed;
            break;
          }
      out.push_back(std::move(*finding));
    }
  }
}

} // namespace keyshift::ts
