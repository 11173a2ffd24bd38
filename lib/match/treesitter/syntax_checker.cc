#include "match/treesitter/syntax_checker.h"

#include "match/treesitter/tree.h"

#include <cstdint>

namespace keyshift::ts {

std::size_t TreeSyntaxChecker::errorCount(std::string_view content) const {
  auto tree = Tree::parse(language_, content);
  return tree.ok() ? tree->errorCount() : SIZE_MAX;
}

} // namespace keyshift::ts
