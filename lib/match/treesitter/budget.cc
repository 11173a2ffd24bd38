#include "match/treesitter/budget.h"

#include "base/language.h"
#include "match/treesitter/rule_loop.h"

namespace keyshift::ts {

uint32_t treeDepth(TSNode root, uint32_t limit) {
  if (ts_node_is_null(root))
    return 0;
  // One cursor, no recursion: the tree may be deeper than the stack.
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  uint32_t depth = 1, deepest = 1;
  for (;;) {
    if (depth <= limit && ts_tree_cursor_goto_first_child(&cursor)) {
      deepest = std::max(deepest, ++depth);
      continue;
    }
    bool done = false;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        done = true;
        break;
      }
      --depth;
    }
    if (done)
      break;
  }
  ts_tree_cursor_delete(&cursor);
  return deepest;
}

std::string overBudget(TSNode root) {
  if (treeDepth(root) > kMaxTreeDepth)
    return "nested more than " + std::to_string(kMaxTreeDepth) +
           " syntax levels deep";
  return "";
}

Finding tooComplexFinding(const SourceFile &file, std::string_view why) {
  Finding f;
  f.rule_id = std::string(languageName(file.language())) +
              std::string(kTooComplexSuffix);
  f.kind = FindingKind::NeedsReview;
  f.severity = Severity::Warning;
  f.action = FindingAction::Skipped;
  f.message = "skipped: too complex (" + std::string(why) +
              "): keyshift did not finish reading this file and rewrites "
              "nothing in it; review it by hand";
  f.range = ByteRange{0, 0};
  return f;
}

bool isTooComplex(const Finding &f) {
  return f.rule_id.size() > kTooComplexSuffix.size() &&
         std::string_view(f.rule_id).substr(
             f.rule_id.size() - kTooComplexSuffix.size()) == kTooComplexSuffix;
}

void holdForBudget(const SourceFile &file, std::string_view why,
                   std::vector<Finding> &findings) {
  holdChanges(findings, " (not rewritten: the file is too complex)");
  findings.push_back(tooComplexFinding(file, why));
}

} // namespace keyshift::ts
