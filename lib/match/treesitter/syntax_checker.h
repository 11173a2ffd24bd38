// The re-parse check for rewritten text, with one tree-sitter grammar: a
// rewrite that adds ERROR or MISSING nodes is dropped (rewrite/verify.h).
#ifndef KEYSHIFT_MATCH_TREESITTER_SYNTAX_CHECKER_H_
#define KEYSHIFT_MATCH_TREESITTER_SYNTAX_CHECKER_H_

#include "rewrite/verify.h"

#include <tree_sitter/api.h>

namespace keyshift::ts {

class TreeSyntaxChecker final : public SyntaxChecker {
public:
  explicit TreeSyntaxChecker(const TSLanguage *language)
      : language_(language) {}
  std::size_t errorCount(std::string_view content) const override;

private:
  const TSLanguage *language_;
};

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_SYNTAX_CHECKER_H_
