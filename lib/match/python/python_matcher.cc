#include "match/python/python_matcher.h"

#include "match/python/actions/action.h"
#include "match/python/imports.h"
#include "match/python/python_syntax.h"
#include "match/treesitter/engine_support.h"
#include "match/treesitter/query.h"
#include "match/treesitter/tree.h"
#include "ruleset/rule.h"

#include <algorithm>

namespace keyshift::python {
namespace {

std::optional<Finding> runAction(const ActionContext &ctx) {
  using ruleset::ActionType;
  switch (ctx.rule.action.type) {
  case ActionType::SetCallArgument:
    return setCallArgument(ctx);
  case ActionType::RenameEnvVar:
    return renameEnvVar(ctx);
  case ActionType::ReplaceUrlPrefix:
    return replaceUrlPrefix(ctx);
  case ActionType::ReplaceSecretWithEnv:
    return replaceSecretWithEnv(ctx);
  case ActionType::InsertAfterStatement:
    return insertAfterStatement(ctx);
  case ActionType::ReportOnly:
    return makeFinding(ctx, ctx.located);
  }
  return std::nullopt;
}

} // namespace

PythonMatcher::PythonMatcher()
    : checker_(std::make_unique<ts::TreeSyntaxChecker>(language())) {}
PythonMatcher::~PythonMatcher() = default;

Result<std::unique_ptr<PythonMatcher>>
PythonMatcher::create(const std::vector<const ruleset::Rule *> &rules,
                      ProxyTarget proxy, RewriteOptions options) {
  std::unique_ptr<PythonMatcher> m(new PythonMatcher());
  m->proxy_ = std::move(proxy);
  m->options_ = options;
  for (const ruleset::Rule *rule : rules) {
    auto q = ts::Query::compile(language(), rule->query);
    if (!q.ok())
      return makeError(ErrorCode::Config,
                       rule->source + ": /query: " + q.error().message);
    const auto &names = q->captureNames();
    if (!rule->capture.empty() &&
        std::find(names.begin(), names.end(), rule->capture) == names.end())
      return makeError(ErrorCode::Config,
                       rule->source + ": /capture: '" + rule->capture +
                           "' is not a capture of the query");
    m->queries_.emplace(rule->id,
                        std::make_unique<ts::Query>(std::move(q).value()));
  }
  return m;
}

const SyntaxChecker &PythonMatcher::syntaxChecker() const { return *checker_; }

std::vector<Finding>
PythonMatcher::match(const SourceFile &file,
                     const std::vector<const ruleset::Rule *> &rules) const {
  std::vector<Finding> out;
  std::string_view text = file.content();
  auto tree = ts::Tree::parse(language(), text);
  if (!tree.ok())
    return out;
  TSNode root = tree->root();
  ImportTable imports = ImportTable::build(root, text);
  ts::SymbolResolver resolve = [&](TSNode n) {
    return imports.resolve(n, text);
  };
  Spelling spelling(proxy_, imports, root, text, file.newline());
  ts::runRules(
      rules, queries_, root, text, resolve,
      [&](const ruleset::Rule &rule, const ts::QueryMatch &m, TSNode located) {
        return runAction(ActionContext{rule, m, located, text, root, imports,
                                       spelling, proxy_, options_});
      },
      out);
  return out;
}

} // namespace keyshift::python
