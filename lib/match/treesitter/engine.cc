#include "match/treesitter/engine.h"

#include "base/language.h"
#include "match/treesitter/actions/action.h"
#include "match/treesitter/budget.h"
#include "match/treesitter/dialect.h"
#include "match/treesitter/file_context.h"
#include "match/treesitter/module_index.h"
#include "match/treesitter/name_constant.h"
#include "match/treesitter/scopes.h"
#include "match/treesitter/spelling.h"
#include "match/treesitter/syntax_checker.h"
#include "match/treesitter/tree.h"
#include "ruleset/rule.h"

#include <algorithm>

namespace keyshift::ts {

Engine::Engine(const Dialect &dialect)
    : dialect_(dialect),
      checker_(std::make_unique<TreeSyntaxChecker>(dialect.grammar())) {}
Engine::~Engine() = default;

namespace {

/// The rule's query, checked against its capture.
Result<std::unique_ptr<Query>> compileQuery(const Dialect &dialect,
                                            const ruleset::Rule &rule) {
  auto q = Query::compile(dialect.grammar(), rule.query);
  if (!q.ok())
    return makeError(ErrorCode::Config,
                     rule.source + ": /query: " + q.error().message);
  const auto &names = q->captureNames();
  if (!rule.capture.empty() &&
      std::find(names.begin(), names.end(), rule.capture) == names.end())
    return makeError(ErrorCode::Config, rule.source + ": /capture: '" +
                                            rule.capture +
                                            "' is not a capture of the query");
  return std::make_unique<Query>(std::move(q).value());
}

} // namespace

Result<std::unique_ptr<Engine>>
Engine::create(const Dialect &dialect,
               const std::vector<const ruleset::Rule *> &rules,
               ProxyTarget proxy, RewriteOptions options, QueryCompile when) {
  std::unique_ptr<Engine> e(new Engine(dialect));
  e->proxy_ = std::move(proxy);
  e->options_ = options;
  for (const ruleset::Rule *rule : rules) {
    Slot &slot = e->slots_[rule->id];
    if (when == QueryCompile::BuiltinOnFirstUse &&
        rule->origin == ruleset::RuleOrigin::Builtin) {
      slot.deferred = rule;
      continue;
    }
    auto q = compileQuery(dialect, *rule);
    if (!q.ok())
      return q.error();
    slot.query = std::move(q).value();
  }
  return e;
}

const Query *Engine::query(const ruleset::Rule &rule) const {
  auto it = slots_.find(rule.id);
  if (it == slots_.end())
    return nullptr;
  const Slot &slot = it->second;
  if (slot.deferred)
    std::call_once(slot.once, [&] {
      // A built-in query that does not compile fails `test-rules` (which
      // compiles with AllNow); here it only leaves its rule out.
      auto q = compileQuery(dialect_, *slot.deferred);
      if (q.ok())
        slot.query = std::move(q).value();
    });
  return slot.query.get();
}

const SyntaxChecker &Engine::syntaxChecker() const { return *checker_; }

std::vector<Finding>
Engine::match(const SourceFile &file,
              const std::vector<const ruleset::Rule *> &rules,
              const FlowQuery *flows) const {
  return run(file, rules, flows, nullptr);
}

ModuleFacts Engine::index(const SourceFile &file) const {
  ModuleFacts facts;
  run(file, {}, nullptr, &facts);
  return facts;
}

ModuleFacts Engine::indexAndMatch(
    const SourceFile &file, const std::vector<const ruleset::Rule *> &rules,
    const FlowQuery *flows, std::vector<Finding> &findings) const {
  ModuleFacts facts;
  findings = run(file, rules, flows, &facts);
  return facts;
}

std::vector<Finding>
Engine::run(const SourceFile &file,
            const std::vector<const ruleset::Rule *> &rules,
            const FlowQuery *flows, ModuleFacts *module_facts) const {
  std::vector<Finding> out;
  std::string_view text = file.content();
  auto tree = Tree::parse(dialect_.grammar(), text);
  if (!tree.ok())
    return out;
  TSNode root = tree->root();
  // A tree over the budget is not walked further: scopes, the module index
  // and the queries would each pay for its depth.
  if (std::string why = overBudget(root); !why.empty()) {
    out.push_back(tooComplexCode(file, why));
    return out;
  }
  Scopes scopes = Scopes::build(dialect_, root, text);
  Parents parents(root);
  NameConstantMemo name_constants;
  FileContext ctx{dialect_,    text,           root,  scopes,         parents,
                  file.path(), file.newline(), flows, &name_constants};
  if (module_facts)
    *module_facts = indexModule(ctx);
  if (rules.empty())
    return out;
  std::unique_ptr<Spelling> spelling = dialect_.spelling(ctx, proxy_);
  FileFacts facts;
  bool complete = runRules(
      rules, [this](const ruleset::Rule &rule) { return query(rule); }, root,
      text, scopes, parents,
      [&](const ruleset::Rule &rule, const QueryMatch &m, TSNode located) {
        return runAction(ActionContext{rule, m, located, ctx, *spelling, proxy_,
                                       options_, facts});
      },
      out, flows);
  if (!complete)
    holdForBudget(file,
                  "a query had more than " +
                      std::to_string(kMaxMatchesInProgress) +
                      " matches in progress at once",
                  out);
  else if (auto broken = clientsInBrokenCode(rules, root, text, scopes,
                                             languageName(file.language()));
           !broken.empty()) {
    holdChanges(out, " (not rewritten: a client in this file does not parse)");
    out.insert(out.end(), broken.begin(), broken.end());
  }
  return out;
}

} // namespace keyshift::ts
