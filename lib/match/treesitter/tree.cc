#include "match/treesitter/tree.h"

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

std::size_t countErrors(TSNode node) {
  if (!ts_node_has_error(node))
    return 0;
  // Iterative walk: deeply nested inputs must not overflow the stack.
  std::size_t count = 0;
  std::vector<TSNode> stack{node};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    if (ts_node_is_missing(n) || std::string_view(ts_node_type(n)) == "ERROR")
      ++count;
    if (!ts_node_has_error(n))
      continue;
    uint32_t children = ts_node_child_count(n);
    for (uint32_t i = 0; i < children; ++i)
      stack.push_back(ts_node_child(n, i));
  }
  return count;
}

bool touchesError(TSNode root, ByteRange range) {
  if (!ts_node_has_error(root))
    return false;
  std::vector<TSNode> stack{root};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    ByteRange r = nodeRange(n);
    // Touching counts: a MISSING node is zero-width, and an edit right next
    // to broken code is as unsafe as one inside it.
    bool overlaps = r.offset <= range.end() && range.offset <= r.end();
    if (!overlaps || !ts_node_has_error(n))
      continue;
    if (ts_node_is_missing(n) || std::string_view(ts_node_type(n)) == "ERROR")
      return true;
    uint32_t children = ts_node_child_count(n);
    for (uint32_t i = 0; i < children; ++i)
      stack.push_back(ts_node_child(n, i));
  }
  return false;
}

} // namespace keyshift::ts
