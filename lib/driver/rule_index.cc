#include "driver/rule_index.h"

#include <algorithm>
#include <string>

namespace keyshift::driver {
namespace {

/// The language whose rules a file of `language` takes: a notebook's code
/// cells are Python.
Language rulesOf(Language language) {
  return language == Language::Notebook ? Language::Python : language;
}

} // namespace

RuleIndex::RuleIndex(const ruleset::RuleSet &set) {
  for (const ruleset::Rule &rule : set.rules())
    by_language_[rule.language].rules.push_back(&rule);
  for (auto &[lang, lr] : by_language_) {
    std::vector<std::string> literals;
    for (const ruleset::Rule *rule : lr.rules)
      for (const std::string &t : rule->triggers) {
        literals.push_back(t);
        lr.owner.push_back(rule);
      }
    lr.prefilter = std::make_unique<scan::Prefilter>(std::move(literals));
  }
}

bool RuleIndex::covers(Language language) const {
  return by_language_.count(rulesOf(language)) != 0;
}

std::vector<const ruleset::Rule *>
RuleIndex::candidates(Language language, std::string_view text) const {
  language = rulesOf(language);
  auto it = by_language_.find(language);
  if (it == by_language_.end())
    return {};
  const LanguageRules &lr = it->second;
  std::vector<const ruleset::Rule *> hit;
  for (std::size_t i : lr.prefilter->present(text))
    hit.push_back(lr.owner[i]);
  std::vector<const ruleset::Rule *> ordered;
  for (const ruleset::Rule *r : lr.rules)
    if (std::find(hit.begin(), hit.end(), r) != hit.end())
      ordered.push_back(r);
  return ordered;
}

} // namespace keyshift::driver
