#include "driver/engines.h"

#include "driver/cpp_batch.h"
#include "match/config/config_engine.h"
#include "match/docs/code_blocks.h"
#include "match/docs/docs_engine.h"
#include "match/js/js_dialect.h"
#include "match/notebook/notebook_engine.h"
#include "match/python/python_dialect.h"
#include "match/treesitter/engine.h"

namespace keyshift::driver {

Result<Engines> Engines::build(const ruleset::RuleSet &rules,
                               const ProxyTarget &proxy, RewriteOptions options,
                               bool all_queries_now) {
  Engines engines;
  engines.proxy_ = proxy;
  if (auto cpp = validateCppRules(rules); !cpp.ok())
    return cpp.error();
  std::vector<const ts::Dialect *> dialects{&python::dialect()};
  for (Language l : {Language::JavaScript, Language::TypeScript, Language::Tsx})
    dialects.push_back(js::dialect(l));
  for (const ts::Dialect *dialect : dialects) {
    auto engine = ts::Engine::create(
        *dialect, rules.forLanguage(dialect->language()), proxy, options,
        all_queries_now ? ts::QueryCompile::AllNow
                        : ts::QueryCompile::BuiltinOnFirstUse);
    if (!engine.ok())
      return engine.error();
    engines.matchers_[dialect->language()] = std::move(engine).value();
    // One parse for both (ts::Engine::run with ModuleFacts).
    engines.index_matches_.insert(dialect->language());
  }
  // The config formats: one engine each, over the rules of its language.
  std::pair<Language, std::unique_ptr<config::Format>> formats[] = {
      {Language::Env, config::lineFormat()},
      {Language::Yaml, config::yamlFormat()},
      {Language::Json, config::jsonFormat()},
      {Language::Toml, config::tomlFormat()},
  };
  for (auto &[language, format] : formats) {
    auto engine = config::ConfigEngine::create(
        std::move(format), rules.forLanguage(language), proxy);
    if (!engine.ok())
      return engine.error();
    engines.matchers_[language] = std::move(engine).value();
    engines.index_matches_.insert(language); // Matcher's own indexAndMatch
  }
  // Notebook cells are Python (rule_index.cc gives notebooks its rules);
  // their `%env` lines are .env lines, read with every .env rule.
  engines.matchers_[Language::Notebook] =
      std::make_shared<notebook::NotebookEngine>(
          engines.matchers_.at(Language::Python),
          engines.matchers_.at(Language::Env),
          rules.forLanguage(Language::Env));
  engines.index_matches_.insert(Language::Notebook);
  // Documentation: its code blocks through the engines above (rule_index.cc
  // gives documents the rules of every block language).
  std::map<Language, std::shared_ptr<const Matcher>> blocks;
  for (Language l : docs::blockEngineLanguages())
    blocks[l] = engines.matchers_.at(l);
  for (Language document : {Language::Markdown, Language::Rst})
    engines.matchers_[document] = std::make_shared<docs::DocsEngine>(
        document, blocks, options.include_docs);
  return engines;
}

const Matcher *Engines::forLanguage(Language language) const {
  auto it = matchers_.find(language);
  return it == matchers_.end() ? nullptr : it->second.get();
}

} // namespace keyshift::driver
