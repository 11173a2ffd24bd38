#include "driver/rule_index.h"

#include "secrets/find_secrets.h"

#include <algorithm>
#include <optional>
#include <string>

namespace keyshift::driver {
namespace {

/// The language whose rules a file of `language` takes: a notebook's code
/// cells are Python.
Language rulesOf(Language language) {
  return language == Language::Notebook ? Language::Python : language;
}

/// Whether `text` holds a key in the very form a string literal would: the
/// plain byte scan, keys of full confidence only (what classifyKey takes).
bool holdsKey(std::string_view text) {
  secrets::ScanOptions options;
  options.possible = false;
  return !secrets::findSecrets(text, options).empty();
}

} // namespace

RuleIndex::RuleIndex(const ruleset::RuleSet &set, bool every_rule)
    : every_rule_(every_rule) {
  std::map<Language, std::vector<std::string>> literals;
  for (const ruleset::Rule &rule : set.rules()) {
    Candidate c;
    c.rule = &rule;
    // Clang joins adjacent literals ("sk-proj-ab" "cd..."), which the plain
    // byte scan does not: C++ keeps the literal test alone.
    c.needs_key =
        rule.action.type == ruleset::ActionType::ReplaceSecretWithEnv &&
        rule.language != Language::Cpp;
    std::vector<std::string> &lits = literals[rule.language];
    for (const std::vector<std::string> &all : rule.trigger_sets) {
      std::vector<std::size_t> ids;
      for (const std::string &t : all) {
        auto at = std::find(lits.begin(), lits.end(), t);
        ids.push_back(static_cast<std::size_t>(at - lits.begin()));
        if (at == lits.end())
          lits.push_back(t);
      }
      c.sets.push_back(std::move(ids));
    }
    by_language_[rule.language].rules.push_back(std::move(c));
  }
  for (auto &[lang, lr] : by_language_)
    lr.prefilter = std::make_unique<scan::Prefilter>(std::move(literals[lang]));
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
  std::vector<bool> present(lr.prefilter->literals().size(), false);
  for (std::size_t i : lr.prefilter->present(text))
    present[i] = true;
  std::optional<bool> key; // scanned once, when a rule asks
  std::vector<const ruleset::Rule *> ordered;
  for (const Candidate &c : lr.rules) {
    bool hit = std::any_of(c.sets.begin(), c.sets.end(), [&](const auto &set) {
      return std::all_of(set.begin(), set.end(),
                         [&](std::size_t i) { return present[i]; });
    });
    if (every_rule_) {
      ordered.push_back(c.rule);
      continue;
    }
    if (hit && c.needs_key) {
      if (!key)
        key = holdsKey(text);
      hit = *key;
    }
    if (hit)
      ordered.push_back(c.rule);
  }
  return ordered;
}

} // namespace keyshift::driver
