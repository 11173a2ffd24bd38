// The tree-sitter engine: one Matcher for every dialect (Python, JavaScript,
// TypeScript, TSX). It parses a file once with the dialect's grammar, works
// out its scopes, runs each candidate rule's query (rule_loop.h) and hands
// each match to the rule's action (actions/), all written once against the
// Dialect trait. One instance per dialect, since a Matcher's SyntaxChecker
// re-parses with one grammar.
#ifndef KEYSHIFT_MATCH_TREESITTER_ENGINE_H_
#define KEYSHIFT_MATCH_TREESITTER_ENGINE_H_

#include "base/error.h"
#include "base/proxy_target.h"
#include "match/matcher.h"
#include "match/treesitter/rule_loop.h"

#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace keyshift::ts {

class Dialect;

/// When an engine compiles the queries of built-in rules. A user rule's
/// query is always compiled by create(): a bad one is a configuration error
/// before any file is read. Built-in queries are checked by `test-rules`
/// and cost most of a short run's CPU (every language's, whatever the
/// files), so a run compiles each on the first file that needs it.
enum class QueryCompile { BuiltinOnFirstUse, AllNow };

class Engine final : public Matcher {
public:
  /// `dialect` and `rules` outlive the engine.
  static Result<std::unique_ptr<Engine>>
  create(const Dialect &dialect,
         const std::vector<const ruleset::Rule *> &rules, ProxyTarget proxy,
         RewriteOptions options = {},
         QueryCompile when = QueryCompile::BuiltinOnFirstUse);
  ~Engine() override;

  std::vector<Finding> match(const SourceFile &file,
                             const std::vector<const ruleset::Rule *> &rules,
                             const FlowQuery *flows = nullptr) const override;
  ModuleFacts index(const SourceFile &file) const override;
  ModuleFacts indexAndMatch(const SourceFile &file,
                            const std::vector<const ruleset::Rule *> &rules,
                            const FlowQuery *flows,
                            std::vector<Finding> &findings) const override;
  const SyntaxChecker &syntaxChecker() const override;

private:
  explicit Engine(const Dialect &dialect);
  /// One parse: the findings of `rules`, and the facts when asked.
  std::vector<Finding> run(const SourceFile &file,
                           const std::vector<const ruleset::Rule *> &rules,
                           const FlowQuery *flows, ModuleFacts *facts) const;
  /// The rule's query: a deferred one is compiled once, by whichever
  /// worker first has a file it is a candidate for (a short run compiles
  /// only the queries of the rules its files need).
  const Query *query(const ruleset::Rule &rule) const;
  const Dialect &dialect_;
  ProxyTarget proxy_;
  RewriteOptions options_;
  struct Slot {
    const ruleset::Rule *deferred = nullptr; ///< not compiled by create()
    mutable std::once_flag once;
    /// Written by create() or, under `once`, by query() only.
    mutable std::unique_ptr<Query> query;
  };
  /// By rule id; slots never move (std::map nodes), so `once` may not.
  std::map<std::string, Slot, std::less<>> slots_;
  std::unique_ptr<SyntaxChecker> checker_;
};

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_ENGINE_H_
