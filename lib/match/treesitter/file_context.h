// What the engine knows about the file it is matching, handed to the
// dialect and the actions: the text and tree, the file's scopes, each
// node's parent, and where the file came from.
#ifndef KEYSHIFT_MATCH_TREESITTER_FILE_CONTEXT_H_
#define KEYSHIFT_MATCH_TREESITTER_FILE_CONTEXT_H_

#include "finding/flow.h"
#include "match/treesitter/tree.h"

#include <tree_sitter/api.h>

#include <string_view>

namespace keyshift::ts {

class Dialect;
class Scopes;
struct NameConstantMemo;

struct FileContext {
  const Dialect &dialect;
  std::string_view text;
  TSNode root;
  const Scopes &scopes;
  const Parents &parents;
  std::string_view path;            ///< as given; tells .cjs from .mjs
  std::string_view newline;         ///< the file's line ending
  const FlowQuery *flows = nullptr; ///< the repository plan, if any
  /// The name constants weighed so far (name_constant.h), if kept.
  NameConstantMemo *name_constants = nullptr;

  TSNode parent(TSNode node) const { return parents.of(node); }
  std::string_view textOf(TSNode node) const { return nodeText(node, text); }
};

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_FILE_CONTEXT_H_
