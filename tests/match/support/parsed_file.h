// A source parsed with one dialect, with what the engine works out for it
// (scopes, parents, the file context and spelling), for unit tests of the
// dialects and the engine's parts.
#ifndef KEYSHIFT_TESTS_MATCH_SUPPORT_PARSED_FILE_H_
#define KEYSHIFT_TESTS_MATCH_SUPPORT_PARSED_FILE_H_

#include "match/treesitter/dialect.h"
#include "match/treesitter/file_context.h"
#include "match/treesitter/scopes.h"
#include "match/treesitter/spelling.h"
#include "match/treesitter/tree.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace keyshift::testing {

inline const ProxyTarget kTestProxy{"https://llm-proxy.example/v1",
                                    "LLM_PROXY_KEY", ""};

class ParsedFile {
public:
  ParsedFile(const ts::Dialect &dialect, std::string source,
             std::string path = "example", ProxyTarget proxy = kTestProxy)
      : dialect_(dialect), source_(std::move(source)), path_(std::move(path)),
        proxy_(std::move(proxy)),
        tree_(ts::Tree::parse(dialect.grammar(), source_).value()),
        scopes_(ts::Scopes::build(dialect, tree_.root(), source_)),
        parents_(tree_.root()), file_{dialect,  source_, tree_.root(), scopes_,
                                      parents_, path_,   "\n"},
        spelling_(dialect.spelling(file_, proxy_)) {
    EXPECT_EQ(tree_.errorCount(), 0u) << source_;
  }

  const std::string &source() const { return source_; }
  TSNode root() const { return tree_.root(); }
  const ts::Scopes &scopes() const { return scopes_; }
  const ts::FileContext &file() const { return file_; }
  const ts::Spelling &spelling() const { return *spelling_; }

  /// Every named node of `type`, in document order.
  std::vector<TSNode> all(std::string_view type) const {
    std::vector<TSNode> out;
    ts::walk(root(), [&](ts::WalkStep s) {
      if (ts_node_is_named(s.node) && ts::nodeType(s.node) == type)
        out.push_back(s.node);
      return true;
    });
    return out;
  }
  TSNode first(std::string_view type) const {
    auto nodes = all(type);
    return nodes.empty() ? TSNode{} : nodes.front();
  }
  /// What each callee of `call_type` resolves to, "?" for nothing.
  std::vector<std::string> resolvedCallees(std::string_view call_type) const {
    std::vector<std::string> out;
    for (TSNode call : all(call_type))
      out.push_back(
          scopes_.resolve(dialect_.callee(call)).value_or(std::string("?")));
    return out;
  }
  /// `source` with `edit` applied.
  std::string with(const Edit &edit) const {
    std::string out = source_;
    out.replace(edit.range.offset, edit.range.length, edit.replacement);
    return out;
  }

private:
  const ts::Dialect &dialect_;
  std::string source_;
  std::string path_;
  ProxyTarget proxy_;
  ts::Tree tree_;
  ts::Scopes scopes_;
  ts::Parents parents_;
  ts::FileContext file_;
  std::unique_ptr<ts::Spelling> spelling_;
};

} // namespace keyshift::testing

#endif // KEYSHIFT_TESTS_MATCH_SUPPORT_PARSED_FILE_H_
