// The per-file work budget of every tree-sitter engine (Python, JS/TS/TSX,
// JSON, YAML, TOML, Markdown). DECISIONS: budgets count work (tree depth,
// in-progress query matches), never wall time, so a file is skipped or
// scanned the same way whatever the machine's load.
//
// Why these two: libtree-sitter 0.20.7's query cursor keeps one state per
// pattern started at each enclosing node and visits them all at every node
// (work = nodes x nesting), and stores a state's depth in 16 bits, so below
// 65,535 levels it silently loses matches. The depth cap keeps every tree
// far from that; the match limit caps the states, so a query costs at most
// nodes x kMaxMatchesInProgress. Parsing itself is linear (a GLR parser with
// at most six stack versions) and bounded by --max-file-size.
#ifndef KEYSHIFT_MATCH_TREESITTER_BUDGET_H_
#define KEYSHIFT_MATCH_TREESITTER_BUDGET_H_

#include "base/source_file.h"
#include "finding/finding.h"

#include <tree_sitter/api.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace keyshift::ts {

/// Deeper trees are skipped. Python refuses 200 nested brackets; a
/// 5,000-term `a + b + ...` chain (left-nested: one level a term) still
/// fits.
inline constexpr uint32_t kMaxTreeDepth = 10000;
/// Matches a query may have in progress at once (one per enclosing node a
/// pattern started at, e.g. per step of a method chain). Real code stays far
/// below it (docs/RELIABILITY.md: tsc.js, CPython's library); a query that
/// reaches it is cut short.
inline constexpr uint32_t kMaxMatchesInProgress = 256;

/// The suffix of the too-complex finding's rule id (`python.too-complex`).
inline constexpr std::string_view kTooComplexSuffix = ".too-complex";

/// The depth of the tree under `root` (the root alone: 1), walking no
/// deeper than `limit` + 1 levels below it.
uint32_t treeDepth(TSNode root, uint32_t limit = kMaxTreeDepth);

/// What the budget found, if it was exceeded: "" when the file is within it.
std::string overBudget(TSNode root);

/// The finding for a file the budget cut short: needs-review, skipped,
/// naming `why`; nothing in the file is rewritten.
Finding tooComplexFinding(const SourceFile &file, std::string_view why);
/// Whether `f` is such a finding.
bool isTooComplex(const Finding &f);

/// Turns a partial scan into a report: every change is dropped and becomes
/// needs-review (a missed client could be the consumer of a renamed key, so
/// the flows it reads are held back) and the too-complex finding is added.
void holdForBudget(const SourceFile &file, std::string_view why,
                   std::vector<Finding> &findings);

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_BUDGET_H_
