#include "ruleset/rule.h"

#include "base/json_diag.h"
#include "ruleset/compile.h"

#include <algorithm>
#include <utility>

namespace keyshift::ruleset {
namespace {

using json_diag::jsonError;
using namespace detail;

bool isValidId(std::string_view id) {
  // ^[a-z0-9]+(\.[a-z0-9-]+)+$, spelled out to keep the message ours.
  std::size_t segments = 0;
  std::size_t start = 0;
  while (start <= id.size()) {
    std::size_t dot = id.find('.', start);
    std::string_view seg =
        id.substr(start, dot == std::string_view::npos ? std::string_view::npos
                                                       : dot - start);
    if (seg.empty())
      return false;
    for (char c : seg) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                (c == '-' && segments > 0);
      if (!ok)
        return false;
    }
    ++segments;
    if (dot == std::string_view::npos)
      break;
    start = dot + 1;
  }
  return segments >= 2;
}
/// The languages a file defines rules for: its `language`, or each of its
/// `languages`.
Result<std::vector<Language>> fileLanguages(const RawRule &raw,
                                            std::string_view source) {
  if (raw.language && raw.languages)
    return jsonError(source, "/languages",
                     "a rule names language or languages, not both");
  if (!raw.language && !raw.languages)
    return jsonError(source, "/language", "missing required key");
  std::vector<std::string> names =
      raw.languages ? *raw.languages : std::vector<std::string>{*raw.language};
  if (names.empty())
    return jsonError(source, "/languages", kNeedNonEmptyStrings);
  std::vector<Language> out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string pointer =
        raw.languages ? "/languages/" + std::to_string(i) : "/language";
    auto l = languageFromName(names[i]);
    if (!l)
      return jsonError(source, pointer,
                       unknownValue("language", names[i], languageNames()));
    if (std::find(out.begin(), out.end(), *l) != out.end())
      return jsonError(source, pointer, "'" + names[i] + "' is listed twice");
    out.push_back(*l);
  }
  return out;
}

/// The rule's id for `language`: as written, or in a file for several
/// languages "<language>.<id>", so ids stay what one file per language
/// would give.
Result<std::string> ruleId(const RawRule &raw, Language language,
                           std::string_view source) {
  if (!raw.id)
    return jsonError(source, "/id", "missing required key");
  if (!raw.languages) {
    if (!isValidId(*raw.id))
      return jsonError(source, "/id",
                       "invalid rule id '" + *raw.id +
                           "' (expected a language prefix and kebab-case "
                           "words, e.g. 'python.client-construction')");
    return *raw.id;
  }
  std::string first = raw.id->substr(0, raw.id->find('.'));
  std::string id = std::string(languageName(language)) + "." + *raw.id;
  if (languageFromName(first) || !isValidId(id))
    return jsonError(source, "/id",
                     "invalid rule id '" + *raw.id +
                         "' (a rule for several languages has an id without "
                         "a language prefix, e.g. 'client-construction': "
                         "each language's rule is '<language>.<id>')");
  return id;
}

Result<Rule> compileFor(const RawRule &raw, Language language,
                        const std::vector<Language> &file_languages,
                        std::string_view source, RuleOrigin origin) {
  Rule rule;
  rule.source = std::string(source);
  rule.origin = origin;
  rule.language = language;
  rule.languages = file_languages;
  auto id = ruleId(raw, language, source);
  if (!id)
    return id.error();
  rule.id = std::move(id).value();

  if (!raw.kind)
    return jsonError(source, "/kind", "missing required key");
  const auto &kinds = ruleKinds();
  auto kind = findingKindFromName(*raw.kind);
  if (!kind || !ruleMayReport(*kind))
    return jsonError(source, "/kind", unknownValue("kind", *raw.kind, kinds));
  rule.kind = *kind;

  if (!raw.severity)
    return jsonError(source, "/severity", "missing required key");
  auto severity = severityFromName(*raw.severity);
  if (!severity)
    return jsonError(
        source, "/severity",
        unknownValue("severity", *raw.severity, {"note", "warning", "error"}));
  rule.severity = *severity;

  if (!raw.message)
    return jsonError(source, "/message", "missing required key");
  if (raw.message->empty())
    return jsonError(source, "/message", "must not be empty");
  if (raw.message->find_first_of("\r\n") != std::string::npos)
    return jsonError(source, "/message",
                     "must be one line (put details in description)");
  rule.message = *raw.message;
  rule.description = raw.description.value_or("");

  auto triggers = requiredList(raw.triggers, source, "/triggers");
  if (!triggers)
    return triggers.error();
  rule.triggers = std::move(triggers).value();
  rule.trigger_sets = raw.trigger_sets;
  if (rule.trigger_sets.size() != rule.triggers.size()) // built in code
    for (const std::string &t : rule.triggers)
      rule.trigger_sets.push_back({t});
  for (std::size_t i = 0; i < rule.trigger_sets.size(); ++i)
    for (std::size_t k = 0; k < rule.trigger_sets[i].size(); ++k)
      if (rule.trigger_sets[i][k].empty())
        return jsonError(
            source, "/triggers/" + std::to_string(i) + "/" + std::to_string(k),
            "must not be empty");

  if (!raw.query)
    return jsonError(source, "/query", "missing required key");
  if (raw.query->empty())
    return jsonError(source, "/query", "must not be empty");
  rule.query = *raw.query;

  std::vector<std::string> captures = queryCaptures(rule.language, rule.query);
  if (raw.capture) {
    if (std::find(captures.begin(), captures.end(), *raw.capture) ==
        captures.end())
      return jsonError(source, "/capture",
                       unknownCapture(*raw.capture, captures));
    rule.capture = *raw.capture;
  } else {
    std::vector<std::string> spelled =
        explicitCaptures(rule.language, rule.query);
    if (!spelled.empty())
      rule.capture = spelled.front();
  }

  if (raw.where) {
    for (const auto &[name, raw_constraint] : *raw.where) {
      std::string pointer = json_diag::pointerAppend("/where", name);
      if (std::find(captures.begin(), captures.end(), name) == captures.end())
        return jsonError(source, pointer, unknownCapture(name, captures));
      auto c = compileConstraint(name, raw_constraint, rule.language, source,
                                 pointer);
      if (!c)
        return c.error();
      rule.where.push_back(std::move(c).value());
    }
  }

  auto action = compileAction(raw.action, captures, source);
  if (!action)
    return action.error();
  rule.action = std::move(action).value();

  if (auto r = compileExamples(raw, rule, file_languages, source, origin); !r)
    return r.error();
  return rule;
}

} // namespace

const Constraint *Rule::constraintFor(std::string_view name) const {
  for (const auto &c : where)
    if (c.capture == name)
      return &c;
  return nullptr;
}
const std::vector<std::string> &ruleKinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> names;
    for (FindingKind k : allFindingKinds())
      if (ruleMayReport(k))
        names.emplace_back(findingKindName(k));
    return names;
  }();
  return kinds;
}
namespace detail {

std::string joined(const std::vector<std::string> &items) {
  std::string out;
  for (const auto &item : items) {
    if (!out.empty())
      out += ", ";
    out += item;
  }
  return out;
}
/// "unknown <what> 'value'" with a suggestion, or the list when none is close.
std::string unknownValue(std::string_view what, const std::string &value,
                         const std::vector<std::string> &candidates) {
  std::string msg = "unknown " + std::string(what) + " '" + value + "'";
  std::string hint = json_diag::suggest(value, candidates);
  if (hint.empty())
    hint = " (expected one of: " + joined(candidates) + ")";
  return msg + hint;
}
std::vector<std::string> languageNames() {
  std::vector<std::string> names;
  for (Language l :
       {Language::Python, Language::JavaScript, Language::TypeScript,
        Language::Tsx, Language::Cpp, Language::Env, Language::Yaml,
        Language::Json, Language::Toml, Language::Notebook, Language::Markdown})
    names.emplace_back(languageName(l));
  return names;
}
bool usesTreeSitter(Language l) {
  return l == Language::Python || l == Language::JavaScript ||
         l == Language::TypeScript || l == Language::Tsx ||
         l == Language::Notebook;
}
/// Checks a compiled-in list parameter: present, non-empty, no empty item.
Result<std::vector<std::string>>
requiredList(const std::optional<std::vector<std::string>> &value,
             std::string_view source, const std::string &pointer) {
  if (!value)
    return jsonError(source, pointer, "missing required key");
  if (value->empty())
    return jsonError(source, pointer, kNeedNonEmptyStrings);
  for (std::size_t i = 0; i < value->size(); ++i)
    if ((*value)[i].empty())
      return jsonError(source, pointer + "/" + std::to_string(i),
                       "must not be empty");
  return *value;
}
} // namespace detail

Result<std::vector<Rule>>
compileRules(const RawRule &raw, std::string_view source, RuleOrigin origin) {
  auto languages = fileLanguages(raw, source);
  if (!languages)
    return languages.error();
  std::vector<Rule> rules;
  for (Language language : *languages) {
    auto rule = compileFor(raw, language, *languages, source, origin);
    if (!rule)
      return rule.error();
    rules.push_back(std::move(rule).value());
  }
  return rules;
}

Result<std::vector<Rule>> parseRules(std::string_view json_text,
                                     std::string_view source_name,
                                     RuleOrigin origin) {
  auto raw = parseRawRule(json_text, source_name);
  if (!raw)
    return raw.error();
  return compileRules(*raw, source_name, origin);
}

Result<Rule> compileRule(const RawRule &raw, std::string_view source,
                         RuleOrigin origin) {
  auto rules = compileRules(raw, source, origin);
  if (!rules)
    return rules.error();
  if (rules->size() != 1)
    return jsonError(source, "/languages",
                     "defines " + std::to_string(rules->size()) +
                         " rules, one per language, where one was expected");
  return std::move(rules->front());
}

Result<Rule> parseRule(std::string_view json_text, std::string_view source_name,
                       RuleOrigin origin) {
  auto raw = parseRawRule(json_text, source_name);
  if (!raw)
    return raw.error();
  return compileRule(*raw, source_name, origin);
}

} // namespace keyshift::ruleset
