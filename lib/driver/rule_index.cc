#include "driver/rule_index.h"

#include "match/docs/code_blocks.h"
#include "secrets/find_secrets.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace keyshift::driver {
namespace {

/// The language whose rules a file of `language` takes: a notebook's code
/// cells are Python.
Language rulesOf(Language language) {
  return language == Language::Notebook ? Language::Python : language;
}

/// Documents take the rules of their code blocks' languages.
bool isDocument(Language language) {
  return language == Language::Markdown || language == Language::Rst;
}

/// Whether `text` holds a key in the very form a string literal would: the
/// plain byte scan, keys of full confidence only (what classifyKey takes).
bool holdsKey(std::string_view text) {
  secrets::ScanOptions options;
  options.possible = false;
  return !secrets::findSecrets(text, options).empty();
}

/// C++ text with adjacent string literals joined as Clang joins them
/// (`"sk-proj-ab" "cd"`, across lines too), so a key split that way is
/// found by the byte scan. Only quote-whitespace-quote runs go: the text
/// keeps every key it held.
std::string joinAdjacentLiterals(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      std::size_t j = i + 1;
      while (j < text.size() &&
             std::isspace(static_cast<unsigned char>(text[j])))
        ++j;
      if (j > i + 1 && j < text.size() && text[j] == '"') {
        i = j; // drop both quotes and what is between them
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

/// Whether C++ text may hold a key that Clang assembles from pieces the
/// byte scan cannot join: a token starting `sk-` in a `#define` line, or in
/// a literal written next to a name (`KEY_HEAD "..."`, `"sk-..." KEY_TAIL`,
/// a macro Clang expands to more literal text).
bool mayAssembleKey(std::string_view text) {
  auto name = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  };
  constexpr std::string_view kBlank = " \t\r\n";
  for (std::size_t at = text.find("sk-"); at != std::string_view::npos;
       at = text.find("sk-", at + 3)) {
    // A key starts the token (`"sk-proj-`), unlike `task-` or `Mask-`.
    if (at > 0 && (name(text[at - 1]) || text[at - 1] == '-'))
      continue;
    std::size_t line = text.rfind('\n', at);
    line = line == std::string_view::npos ? 0 : line + 1;
    std::size_t first = text.find_first_not_of(" \t", line);
    if (text.substr(first, 7) == "#define")
      return true;
    // Only an `sk-` inside a literal of this line: an odd number of
    // unescaped quotes before it.
    std::size_t open = std::string_view::npos;
    int quotes = 0;
    for (std::size_t i = line; i < at; ++i)
      if (text[i] == '"' && (i == line || text[i - 1] != '\\')) {
        ++quotes;
        open = i;
      }
    std::size_t close = text.find_first_of("\"\n", at);
    if (quotes % 2 == 0 || close == std::string_view::npos ||
        text[close] != '"')
      continue;
    std::size_t after = text.find_first_not_of(kBlank, close + 1);
    std::size_t before = open == 0 ? std::string_view::npos
                                   : text.find_last_not_of(kBlank, open - 1);
    if ((after != std::string_view::npos && name(text[after])) ||
        (before != std::string_view::npos && name(text[before])))
      return true;
  }
  return false;
}

} // namespace

RuleIndex::RuleIndex(const ruleset::RuleSet &set, bool every_rule)
    : every_rule_(every_rule) {
  std::map<Language, std::vector<std::string>> literals;
  for (const ruleset::Rule &rule : set.rules()) {
    Candidate c;
    c.rule = &rule;
    c.needs_key = rule.action.type == ruleset::ActionType::ReplaceSecretWithEnv;
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
  if (isDocument(language)) {
    const auto &blocks = docs::blockEngineLanguages();
    return std::any_of(blocks.begin(), blocks.end(),
                       [&](Language l) { return covers(l); });
  }
  return by_language_.count(rulesOf(language)) != 0;
}

std::vector<const ruleset::Rule *>
RuleIndex::candidates(Language language, std::string_view text) const {
  // A document's code blocks are in any of these; the prefilter over the
  // whole document finds a superset of each block's candidates.
  if (isDocument(language)) {
    std::vector<const ruleset::Rule *> all;
    for (Language l : docs::blockEngineLanguages())
      for (const ruleset::Rule *r : candidates(l, text))
        all.push_back(r);
    return all;
  }
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
      // Clang joins adjacent literals ("sk-proj-ab" "cd..."): so does the
      // scan of C++ text.
      if (!key)
        key = language == Language::Cpp
                  ? mayAssembleKey(text) || holdsKey(joinAdjacentLiterals(text))
                  : holdsKey(text);
      hit = *key;
    }
    if (hit)
      ordered.push_back(c.rule);
  }
  return ordered;
}

} // namespace keyshift::driver
