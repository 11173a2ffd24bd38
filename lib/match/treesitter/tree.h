// RAII over tree-sitter's parser and tree, plus the small helpers every
// tree-sitter based matcher needs (node text, error counting). tree-sitter
// is C; nothing here throws.
#ifndef KEYSHIFT_MATCH_TREESITTER_TREE_H_
#define KEYSHIFT_MATCH_TREESITTER_TREE_H_

#include "base/byte_range.h"
#include "base/error.h"

#include <tree_sitter/api.h>

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
/// nodeText as an owned string.
inline std::string nodeString(TSNode node, std::string_view text) {
  return std::string(nodeText(node, text));
}
/// The node's grammar type; "" for a null node (the root's parent, a
/// missing field), so callers can compare without checking first.
inline std::string_view nodeType(TSNode node) {
  return ts_node_is_null(node) ? std::string_view() : ts_node_type(node);
}
/// The named child for a grammar field, or a null node.
/// A name read where it is written: an identifier, or JavaScript's
/// shorthand property `{ apiKey }`, which reads the local apiKey.
inline bool isNameReference(TSNode node) {
  std::string_view t = nodeType(node);
  return t == "identifier" || t == "shorthand_property_identifier";
}

inline TSNode childByField(TSNode node, std::string_view field) {
  return ts_node_child_by_field_name(node, field.data(),
                                     static_cast<uint32_t>(field.size()));
}
/// The children of `node`, in order, in one cursor pass (indexed access
/// costs O(index) per call in tree-sitter: a loop over it is quadratic).
std::vector<TSNode> children(TSNode node);
/// The same, named children only.
std::vector<TSNode> namedChildren(TSNode node);
/// The first named child, or a null node.
TSNode firstNamedChild(TSNode node);

/// One step of a walk: the node, and the grammar field it sits in under
/// its parent ("" when none).
struct WalkStep {
  TSNode node;
  std::string_view field;
};

/// Pre-order walk of the subtree under `root` with one TSTreeCursor, so a
/// walk is linear in the tree whatever its depth or width. `enter` returns
/// false to skip a node's children; `leave` (optional) runs once a node's
/// subtree is done, innermost first.
template <class Enter, class Leave>
void walk(TSNode root, Enter &&enter, Leave &&leave);
template <class Enter> void walk(TSNode root, Enter &&enter) {
  walk(root, enter, [](TSNode) {});
}

/// Whether `s` (a node type, an operator) is one of `set`.
inline bool oneOf(std::string_view s,
                  std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

/// An ERROR node or a MISSING one.
bool isErrorNode(TSNode node);
/// Errors and missing nodes within `node` (inclusive).
std::size_t countErrors(TSNode node);
/// Whether any ERROR/MISSING node overlaps `range`: edits there are unsafe.
bool touchesError(TSNode root, ByteRange range);
/// Whether an object literal or pattern under `node` (inclusive) has an
/// empty element (`{ a: 1, , }`, `{ , a }`): a syntax error in JavaScript
/// that tree-sitter-javascript parses without an ERROR node.
bool hasObjectHole(TSNode node);

/// Each node's parent, from one walk of the tree on first use.
/// ts_node_parent searches down from the root on every call; asked once
/// per node of a walk, it makes the walk quadratic in the tree's depth.
class Parents {
public:
  explicit Parents(TSNode root) : root_(root) {}
  /// The parent of `node`, or a null node for the root.
  TSNode of(TSNode node) const;

private:
  TSNode root_;
  mutable std::unordered_map<const void *, TSNode> parent_;
  mutable bool built_ = false;
};

template <class Enter, class Leave>
void walk(TSNode root, Enter &&enter, Leave &&leave) {
  if (ts_node_is_null(root))
    return;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    const char *field = ts_tree_cursor_current_field_name(&cursor);
    bool descend = enter(WalkStep{node, field ? field : ""});
    if (descend && ts_tree_cursor_goto_first_child(&cursor))
      continue;
    leave(node);
    bool done = false;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        done = true;
        break;
      }
      leave(ts_tree_cursor_current_node(&cursor));
    }
    if (done)
      break;
  }
  ts_tree_cursor_delete(&cursor);
}

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_TREE_H_
