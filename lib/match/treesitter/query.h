// A compiled tree-sitter query with the predicates libtree-sitter 0.20 only
// parses but never evaluates: keyshift evaluates #eq?, #not-eq?, #match?,
// #not-match? (RE2) and #any-of? itself, so a match that fails one is never
// seen by a rule.
#ifndef KEYSHIFT_MATCH_TREESITTER_QUERY_H_
#define KEYSHIFT_MATCH_TREESITTER_QUERY_H_

#include "base/error.h"

#include <tree_sitter/api.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace keyshift::ts {

struct Capture {
  std::string_view name;
  TSNode node;
};

struct QueryMatch {
  uint32_t pattern = 0;
  std::vector<Capture> captures;

  /// The first node captured under `name`, or nullptr.
  const TSNode *find(std::string_view name) const;
};

class Query {
public:
  /// Errors read "query:LINE:COL: <what tree-sitter found>".
  static Result<Query> compile(const TSLanguage *language,
                               std::string_view source);
  ~Query();
  Query(Query &&) noexcept;
  Query &operator=(Query &&) noexcept;

  /// Capture names in id order.
  const std::vector<std::string> &captureNames() const;
  /// Every match under `root`, in document order, predicates applied.
  /// At most kMaxMatchesInProgress matches are in progress at once
  /// (budget.h); when a query needs more, tree-sitter drops the oldest and
  /// `*cut_short` is set: the result is then incomplete.
  std::vector<QueryMatch> run(TSNode root, std::string_view text,
                              bool *cut_short = nullptr) const;

private:
  Query();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_QUERY_H_
