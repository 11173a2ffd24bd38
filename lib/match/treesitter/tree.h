// RAII over tree-sitter's parser and tree, plus the small helpers every
// tree-sitter based matcher needs (node text, error counting). tree-sitter
// is C; nothing here throws.
#ifndef KEYSHIFT_MATCH_TREESITTER_TREE_H_
#define KEYSHIFT_MATCH_TREESITTER_TREE_H_

#include "base/byte_range.h"
#include "base/error.h"

#include <tree_sitter/api.h>

#include <memory>
#include <string_view>

namespace keyshift::ts {

/// A parsed file. Keeps a view of the text it was parsed from: the caller
/// keeps the text alive for the tree's lifetime.
class Tree {
public:
  static Result<Tree> parse(const TSLanguage *language, std::string_view text);

  TSNode root() const { return ts_tree_root_node(tree_.get()); }
  std::string_view text() const { return text_; }
  /// ERROR and MISSING nodes in the whole tree: the re-parse check compares
  /// this before and after a rewrite.
  std::size_t errorCount() const;

private:
  struct Deleter {
    void operator()(TSTree *t) const { ts_tree_delete(t); }
  };
  std::unique_ptr<TSTree, Deleter> tree_;
  std::string_view text_;
};

inline ByteRange nodeRange(TSNode node) {
  return ByteRange::fromBounds(ts_node_start_byte(node),
                               ts_node_end_byte(node));
}
inline std::string_view nodeText(TSNode node, std::string_view text) {
  return text.substr(ts_node_start_byte(node),
                     ts_node_end_byte(node) - ts_node_start_byte(node));
}
/// The node's grammar type; "" for a null node (the root's parent, a
/// missing field), so callers can compare without checking first.
inline std::string_view nodeType(TSNode node) {
  return ts_node_is_null(node) ? std::string_view() : ts_node_type(node);
}
/// The named child for a grammar field, or a null node.
inline TSNode childByField(TSNode node, std::string_view field) {
  return ts_node_child_by_field_name(node, field.data(),
                                     static_cast<uint32_t>(field.size()));
}
/// Errors and missing nodes within `node` (inclusive).
std::size_t countErrors(TSNode node);
/// Whether any ERROR/MISSING node overlaps `range`: edits there are unsafe.
bool touchesError(TSNode root, ByteRange range);

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_TREE_H_
