#include "match/treesitter/tree.h"

#include <algorithm>
#include <vector>

namespace keyshift::ts {
namespace {

struct ParserDeleter {
  void operator()(TSParser *p) const { ts_parser_delete(p); }
};

} // namespace

Result<Tree> Tree::parse(const TSLanguage *language, std::string_view text) {
  // A parser per call is cheap next to parsing, and keeps Tree thread-safe
  // without a pool.
  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!ts_parser_set_language(parser.get(), language))
    return makeError(ErrorCode::Internal,
                     "tree-sitter grammar ABI " +
                         std::to_string(ts_language_version(language)) +
                         " is not supported by this libtree-sitter");
  if (text.size() > UINT32_MAX)
    return makeError(ErrorCode::Input, "file too large for tree-sitter");
  TSTree *tree = ts_parser_parse_string(parser.get(), nullptr, text.data(),
                                        static_cast<uint32_t>(text.size()));
  if (tree == nullptr)
    return makeError(ErrorCode::Internal, "tree-sitter failed to parse");
  Tree out;
  out.tree_.reset(tree);
  out.text_ = text;
  return out;
}

std::size_t Tree::errorCount() const { return countErrors(root()); }

std::vector<TSNode> children(TSNode node) {
  std::vector<TSNode> out;
  if (ts_node_is_null(node))
    return out;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do
      out.push_back(ts_tree_cursor_current_node(&cursor));
    while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

std::vector<TSNode> namedChildren(TSNode node) {
  std::vector<TSNode> out = children(node);
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](TSNode n) { return !ts_node_is_named(n); }),
            out.end());
  return out;
}

TSNode firstNamedChild(TSNode node) {
  if (ts_node_is_null(node) || ts_node_named_child_count(node) == 0)
    return TSNode{};
  return ts_node_named_child(node, 0);
}

TSNode Parents::of(TSNode node) const {
  if (!built_) {
    built_ = true;
    std::vector<TSNode> stack;
    walk(
        root_,
        [&](WalkStep s) {
          if (!stack.empty())
            parent_.emplace(s.node.id, stack.back());
          stack.push_back(s.node);
          return true;
        },
        [&](TSNode) { stack.pop_back(); });
  }
  auto it = parent_.find(node.id);
  return it == parent_.end() ? TSNode{} : it->second;
}

bool isErrorNode(TSNode n) {
  return ts_node_is_missing(n) || std::string_view(ts_node_type(n)) == "ERROR";
}

std::size_t countErrors(TSNode node) {
  if (!ts_node_has_error(node))
    return 0;
  std::size_t count = 0;
  walk(node, [&](WalkStep s) {
    if (isErrorNode(s.node))
      ++count;
    return ts_node_has_error(s.node);
  });
  return count;
}

bool touchesError(TSNode root, ByteRange range) {
  bool found = false;
  walk(root, [&](WalkStep s) {
    if (found)
      return false;
    ByteRange r = nodeRange(s.node);
    // Touching counts: a MISSING node is zero-width, and an edit right next
    // to broken code is as unsafe as one inside it.
    bool overlaps = r.offset <= range.end() && range.offset <= r.end();
    if (!overlaps || !ts_node_has_error(s.node))
      return false;
    if (isErrorNode(s.node)) {
      found = true;
      return false;
    }
    return true;
  });
  return found;
}

bool hasObjectHole(TSNode node) {
  bool found = false;
  walk(node, [&](WalkStep s) {
    if (found)
      return false;
    std::string_view t = nodeType(s.node);
    if (t != "object" && t != "object_pattern")
      return true;
    std::string_view previous;
    for (TSNode c : children(s.node)) {
      std::string_view ct = nodeType(c);
      if (ct == "," && (previous == "," || previous == "{"))
        found = true;
      if (!ts_node_is_extra(c)) // comments do not fill a hole
        previous = ct;
    }
    return !found;
  });
  return found;
}

} // namespace keyshift::ts
