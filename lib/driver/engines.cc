#include "driver/engines.h"

#include "driver/cpp_batch.h"
#include "match/config/config_engine.h"
#include "match/js/js_dialect.h"
#include "match/notebook/notebook_engine.h"
#include "match/python/python_dialect.h"
#include "match/treesitter/engine.h"

namespace keyshift::driver {

Result<Engines> Engines::build(const ruleset::RuleSet &rules,
                               const ProxyTarget &proxy,
                               RewriteOptions options) {
  Engines engines;
  engines.proxy_ = proxy;
  if (auto cpp = validateCppRules(rules); !cpp.ok())
    return cpp.error();
  std::vector<const ts::Dialect *> dialects{&python::dialect()};
  for (Language l : {Language::JavaScript, Language::TypeScript, Language::Tsx})
    dialects.push_back(js::dialect(l));
  for (const ts::Dialect *dialect : dialects) {
    auto engine = ts::Engine::create(
        *dialect, rules.forLanguage(dialect->language()), proxy, options);
    if (!engine.ok())
      return engine.error();
    engines.matchers_[dialect->language()] = std::move(engine).value();
  }
  // Notebook cells are Python (rule_index.cc gives notebooks its rules).
  engines.matchers_[Language::Notebook] =
      std::make_shared<notebook::NotebookEngine>(
          engines.matchers_.at(Language::Python));
  auto env = config::ConfigEngine::create(
      config::lineFormat(), rules.forLanguage(Language::Env), proxy);
  if (!env.ok())
    return env.error();
  engines.matchers_[Language::Env] = std::move(env).value();
  auto yaml = config::ConfigEngine::create(
      config::yamlFormat(), rules.forLanguage(Language::Yaml), proxy);
  if (!yaml.ok())
    return yaml.error();
  engines.matchers_[Language::Yaml] = std::move(yaml).value();
  auto json = config::ConfigEngine::create(
      config::jsonFormat(), rules.forLanguage(Language::Json), proxy);
  if (!json.ok())
    return json.error();
  engines.matchers_[Language::Json] = std::move(json).value();
  auto toml = config::ConfigEngine::create(
      config::tomlFormat(), rules.forLanguage(Language::Toml), proxy);
  if (!toml.ok())
    return toml.error();
  engines.matchers_[Language::Toml] = std::move(toml).value();
  return engines;
}

const Matcher *Engines::forLanguage(Language language) const {
  auto it = matchers_.find(language);
  return it == matchers_.end() ? nullptr : it->second.get();
}

} // namespace keyshift::driver
