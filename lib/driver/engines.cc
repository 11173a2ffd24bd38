#include "driver/engines.h"

#include "match/python/python_matcher.h"

namespace keyshift::driver {

Result<Engines> Engines::build(const ruleset::RuleSet &rules,
                               const ProxyTarget &proxy) {
  Engines engines;
  auto python =
      python::PythonMatcher::create(rules.forLanguage(Language::Python), proxy);
  if (!python.ok())
    return python.error();
  engines.matchers_[Language::Python] = std::move(python).value();
  return engines;
}

const Matcher *Engines::forLanguage(Language language) const {
  auto it = matchers_.find(language);
  return it == matchers_.end() ? nullptr : it->second.get();
}

} // namespace keyshift::driver
