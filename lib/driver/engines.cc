#include "driver/engines.h"

#include "driver/cpp_batch.h"
#include "match/js/js_matcher.h"
#include "match/python/python_matcher.h"

namespace keyshift::driver {

Result<Engines> Engines::build(const ruleset::RuleSet &rules,
                               const ProxyTarget &proxy,
                               RewriteOptions options) {
  Engines engines;
  engines.proxy_ = proxy;
  if (auto cpp = validateCppRules(rules); !cpp.ok())
    return cpp.error();
  auto python = python::PythonMatcher::create(
      rules.forLanguage(Language::Python), proxy, options);
  if (!python.ok())
    return python.error();
  engines.matchers_[Language::Python] = std::move(python).value();
  for (Language dialect :
       {Language::JavaScript, Language::TypeScript, Language::Tsx}) {
    auto js = js::JsMatcher::create(dialect, rules.forLanguage(dialect), proxy,
                                    options);
    if (!js.ok())
      return js.error();
    engines.matchers_[dialect] = std::move(js).value();
  }
  return engines;
}

const Matcher *Engines::forLanguage(Language language) const {
  auto it = matchers_.find(language);
  return it == matchers_.end() ? nullptr : it->second.get();
}

} // namespace keyshift::driver
