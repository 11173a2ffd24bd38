#include "ruleset/rule.h"

#include "base/json_diag.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <utility>

namespace keyshift::ruleset {
namespace {

using json_diag::jsonError;

constexpr std::array<std::pair<ActionType, std::string_view>, 6> kActionNames{{
    {ActionType::SetCallArgument, "set-call-argument"},
    {ActionType::RenameEnvVar, "rename-env-var"},
    {ActionType::ReplaceUrlPrefix, "replace-url-prefix"},
    {ActionType::ReplaceSecretWithEnv, "replace-secret-with-env"},
    {ActionType::InsertAfterStatement, "insert-after-statement"},
    {ActionType::ReportOnly, "report-only"},
}};

constexpr std::string_view kNeedNonEmptyStrings =
    "must be a non-empty array of strings";

const std::vector<std::string> &templatePlaceholders() {
  // base_url_attr: "base_url", or "api_base" where a Python file uses the
  // pre-1.0 SDK (the python engine decides).
  static const std::vector<std::string> names = {
      "base_url", "key_env", "base_url_env", "base_url_attr"};
  return names;
}

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

std::vector<std::string> actionNames() {
  std::vector<std::string> names;
  for (const auto &[type, name] : kActionNames)
    names.emplace_back(name);
  return names;
}

bool usesTreeSitter(Language l) {
  return l == Language::Python || l == Language::JavaScript ||
         l == Language::TypeScript || l == Language::Tsx ||
         l == Language::Notebook;
}

bool isCaptureChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

void addUnique(std::vector<std::string> &names, std::string name) {
  if (!name.empty() &&
      std::find(names.begin(), names.end(), name) == names.end())
    names.push_back(std::move(name));
}

std::vector<std::string> treeSitterCaptures(std::string_view q) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < q.size(); ++i) {
    char c = q[i];
    if (c == '"') {
      // A string literal: "@x" inside it is text to match, not a capture.
      for (++i; i < q.size() && q[i] != '"'; ++i)
        if (q[i] == '\\')
          ++i;
    } else if (c == ';') {
      while (i < q.size() && q[i] != '\n')
        ++i;
    } else if (c == '@') {
      std::size_t start = i + 1;
      while (i + 1 < q.size() && isCaptureChar(q[i + 1]))
        ++i;
      addUnique(names, std::string(q.substr(start, i + 1 - start)));
    }
  }
  return names;
}

std::vector<std::string> clangQueryCaptures(std::string_view q) {
  std::vector<std::string> names;
  constexpr std::string_view kBind = ".bind(";
  for (auto at = q.find(kBind); at != std::string_view::npos;
       at = q.find(kBind, at + 1)) {
    std::size_t i = at + kBind.size();
    while (i < q.size() && (q[i] == ' ' || q[i] == '\t' || q[i] == '\n'))
      ++i;
    if (i >= q.size() || q[i] != '"')
      continue;
    std::size_t end = q.find('"', i + 1);
    if (end == std::string_view::npos)
      break;
    addUnique(names, std::string(q.substr(i + 1, end - i - 1)));
  }
  return names;
}

std::vector<std::string> re2NamedGroups(std::string_view q) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i + 3 < q.size(); ++i) {
    if (q[i] == '\\') {
      ++i;
      continue;
    }
    if (q.compare(i, 2, "(?") != 0)
      continue;
    std::size_t start;
    if (q.compare(i + 2, 2, "P<") == 0)
      start = i + 4;
    else if (q[i + 2] == '<')
      start = i + 3;
    else
      continue;
    std::size_t end = q.find('>', start);
    if (end == std::string_view::npos)
      break;
    addUnique(names, std::string(q.substr(start, end - start)));
  }
  return names;
}

/// The captures a query spells out, without the implicit ones.
std::vector<std::string> explicitCaptures(Language l, std::string_view q) {
  if (usesTreeSitter(l))
    return treeSitterCaptures(q);
  if (l == Language::Cpp)
    return clangQueryCaptures(q);
  return re2NamedGroups(q);
}

std::string unknownCapture(const std::string &name,
                           const std::vector<std::string> &captures) {
  std::string msg = "unknown capture '" + name + "'";
  std::string hint = json_diag::suggest(name, captures);
  if (!hint.empty())
    return msg + hint;
  if (captures.empty())
    return msg + " (the query defines no captures)";
  return msg + " (the query defines: " + joined(captures) + ")";
}

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

/// Placeholders: the proxy settings, and ${@name} for a capture's text.
Result<void> checkTemplate(const std::string &text,
                           const std::vector<std::string> &captures,
                           std::string_view source) {
  const std::string pointer = "/action/template";
  if (text.empty())
    return jsonError(source, pointer, "must not be empty");
  for (std::size_t at = text.find("${"); at != std::string::npos;
       at = text.find("${", at + 2)) {
    std::size_t end = text.find('}', at);
    if (end == std::string::npos)
      return jsonError(source, pointer,
                       "unterminated placeholder '" + text.substr(at) + "'");
    std::string name = text.substr(at + 2, end - at - 2);
    if (!name.empty() && name[0] == '@') {
      std::string capture = name.substr(1);
      if (std::find(captures.begin(), captures.end(), capture) ==
          captures.end())
        return jsonError(source, pointer,
                         "placeholder '${" + name +
                             "}': " + unknownCapture(capture, captures));
      continue;
    }
    const auto &known = templatePlaceholders();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string msg = "unknown placeholder '${" + name + "}'";
      std::string hint = json_diag::suggest(name, known);
      if (hint.empty())
        hint = " (expected ${base_url}, ${key_env}, ${base_url_env}, "
               "${base_url_attr} or ${@capture})";
      return jsonError(source, pointer, msg + hint);
    }
  }
  return {};
}

Result<Action> compileAction(const std::optional<RawAction> &raw_action,
                             const std::vector<std::string> &captures,
                             std::string_view source) {
  if (!raw_action)
    return jsonError(source, "/action", "missing required key");
  const RawAction &raw = *raw_action;
  if (!raw.type)
    return jsonError(source, "/action/type", "missing required key");
  auto type = actionTypeFromName(*raw.type);
  if (!type)
    return jsonError(source, "/action/type",
                     unknownValue("action", *raw.type, actionNames()));

  // Which parameters each action takes; any other one is a mistake.
  struct Param {
    const char *key;
    bool present;
    std::vector<ActionType> used_by;
  };
  const std::vector<Param> params = {
      {"base_url_params",
       raw.base_url_params.has_value(),
       {ActionType::SetCallArgument}},
      {"api_key_params",
       raw.api_key_params.has_value(),
       {ActionType::SetCallArgument}},
      {"from", raw.from.has_value(), {ActionType::RenameEnvVar}},
      {"to", raw.to.has_value(), {ActionType::RenameEnvVar}},
      {"prefixes", raw.prefixes.has_value(), {ActionType::ReplaceUrlPrefix}},
      {"template",
       raw.text_template.has_value(),
       {ActionType::InsertAfterStatement}},
      {"shim_wrap", raw.shim_wrap.has_value(), {ActionType::SetCallArgument}},
  };
  for (const auto &p : params) {
    bool fits =
        std::find(p.used_by.begin(), p.used_by.end(), *type) != p.used_by.end();
    if (p.present && !fits)
      return jsonError(source, std::string("/action/") + p.key,
                       "not a parameter of action '" + *raw.type + "'");
  }

  Action action;
  action.type = *type;
  switch (*type) {
  case ActionType::SetCallArgument: {
    auto base =
        requiredList(raw.base_url_params, source, "/action/base_url_params");
    if (!base)
      return base.error();
    auto key =
        requiredList(raw.api_key_params, source, "/action/api_key_params");
    if (!key)
      return key.error();
    action.base_url_params = std::move(base).value();
    action.api_key_params = std::move(key).value();
    if (raw.shim_wrap) {
      static const RE2 dotted(
          "[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+");
      if (!RE2::FullMatch(*raw.shim_wrap, dotted))
        return jsonError(source, "/action/shim_wrap",
                         "expected a dotted name such as "
                         "'keyshift_shim.wrap', not '" +
                             *raw.shim_wrap + "'");
      action.shim_wrap = *raw.shim_wrap;
    }
    break;
  }
  case ActionType::RenameEnvVar: {
    auto from = requiredList(raw.from, source, "/action/from");
    if (!from)
      return from.error();
    if (!raw.to)
      return jsonError(source, "/action/to", "missing required key");
    if (*raw.to != "key_env" && *raw.to != "base_url_env")
      return jsonError(
          source, "/action/to",
          unknownValue("target", *raw.to, {"key_env", "base_url_env"}));
    action.from = std::move(from).value();
    action.to = *raw.to;
    break;
  }
  case ActionType::ReplaceUrlPrefix: {
    auto prefixes = requiredList(raw.prefixes, source, "/action/prefixes");
    if (!prefixes)
      return prefixes.error();
    for (std::size_t i = 0; i < prefixes->size(); ++i) {
      const std::string &p = (*prefixes)[i];
      if (p.rfind("http://", 0) != 0 && p.rfind("https://", 0) != 0)
        return jsonError(source, "/action/prefixes/" + std::to_string(i),
                         "must start with http:// or https://");
    }
    action.prefixes = std::move(prefixes).value();
    break;
  }
  case ActionType::InsertAfterStatement:
    if (!raw.text_template)
      return jsonError(source, "/action/template", "missing required key");
    if (auto r = checkTemplate(*raw.text_template, captures, source); !r)
      return r.error();
    action.text_template = *raw.text_template;
    break;
  case ActionType::ReplaceSecretWithEnv:
  case ActionType::ReportOnly:
    break;
  }
  return action;
}

Result<std::shared_ptr<const RE2>> compileRegex(const std::string &pattern,
                                                std::string_view source,
                                                const std::string &pointer) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const RE2>(pattern, options);
  if (!re->ok())
    return jsonError(source, pointer, "invalid RE2 pattern: " + re->error());
  return std::shared_ptr<const RE2>(std::move(re));
}

Result<Constraint> compileConstraint(const std::string &capture,
                                     const RawConstraint &raw, Language lang,
                                     std::string_view source,
                                     const std::string &pointer) {
  if (!raw.symbol && !raw.regex && !raw.not_regex && !raw.one_of && !raw.equals)
    return jsonError(source, pointer,
                     "must set at least one of: " +
                         joined(rawConstraintKeys()));
  Constraint c;
  c.capture = capture;
  if (raw.symbol) {
    if (!usesTreeSitter(lang))
      return jsonError(source, pointer + "/symbol",
                       "symbol constraints need a language with imports "
                       "(python, javascript, typescript, tsx, notebook)");
    auto symbols = requiredList(raw.symbol, source, pointer + "/symbol");
    if (!symbols)
      return symbols.error();
    c.symbols = std::move(symbols).value();
  }
  if (raw.regex) {
    auto re = compileRegex(*raw.regex, source, pointer + "/regex");
    if (!re)
      return re.error();
    c.regex = std::move(re).value();
  }
  if (raw.not_regex) {
    auto re = compileRegex(*raw.not_regex, source, pointer + "/not_regex");
    if (!re)
      return re.error();
    c.not_regex = std::move(re).value();
  }
  if (raw.one_of) {
    if (raw.one_of->empty())
      return jsonError(source, pointer + "/one_of", kNeedNonEmptyStrings);
    c.one_of = *raw.one_of;
  }
  c.equals = raw.equals;
  return c;
}

Result<void> compileTests(const RawRule &raw, Rule &rule,
                          std::string_view source, RuleOrigin origin) {
  if (!raw.tests) {
    if (origin == RuleOrigin::Builtin)
      return jsonError(source, "/tests",
                       "missing required key (built-in rules need examples)");
    return {};
  }
  if (raw.tests->valid)
    rule.valid = *raw.tests->valid;
  if (raw.tests->invalid) {
    for (std::size_t i = 0; i < raw.tests->invalid->size(); ++i) {
      const RawExample &ex = (*raw.tests->invalid)[i];
      std::string pointer = "/tests/invalid/" + std::to_string(i);
      if (!ex.input)
        return jsonError(source, pointer + "/input", "missing required key");
      if (ex.output && rule.action.type == ActionType::ReportOnly)
        return jsonError(source, pointer + "/output",
                         "a report-only rule rewrites nothing; drop output");
      rule.invalid.push_back(RuleExample{*ex.input, ex.output});
    }
  }
  if (origin == RuleOrigin::Builtin && rule.invalid.empty())
    return jsonError(source, "/tests/invalid",
                     "built-in rules need at least one example that fires");
  return {};
}

} // namespace

std::string_view actionTypeName(ActionType type) {
  for (const auto &[t, name] : kActionNames)
    if (t == type)
      return name;
  return "report-only";
}

std::optional<ActionType> actionTypeFromName(std::string_view name) {
  for (const auto &[t, n] : kActionNames)
    if (n == name)
      return t;
  return std::nullopt;
}

bool Constraint::holds(std::string_view text) const {
  if (regex && !RE2::PartialMatch(text, *regex))
    return false;
  if (not_regex && RE2::PartialMatch(text, *not_regex))
    return false;
  if (!one_of.empty() &&
      std::find(one_of.begin(), one_of.end(), text) == one_of.end())
    return false;
  if (equals && *equals != text)
    return false;
  return true;
}

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

std::vector<std::string> queryCaptures(Language language,
                                       std::string_view query) {
  std::vector<std::string> names = explicitCaptures(language, query);
  if (!usesTreeSitter(language) && language != Language::Cpp) {
    addUnique(names, "key");
    addUnique(names, "value");
  }
  return names;
}

Result<Rule> compileRule(const RawRule &raw, std::string_view source,
                         RuleOrigin origin) {
  Rule rule;
  rule.source = std::string(source);

  if (!raw.id)
    return jsonError(source, "/id", "missing required key");
  if (!isValidId(*raw.id))
    return jsonError(source, "/id",
                     "invalid rule id '" + *raw.id +
                         "' (expected a language prefix and kebab-case "
                         "words, e.g. 'python.client-construction')");
  rule.id = *raw.id;

  if (!raw.language)
    return jsonError(source, "/language", "missing required key");
  auto lang = languageFromName(*raw.language);
  if (!lang)
    return jsonError(source, "/language",
                     unknownValue("language", *raw.language, languageNames()));
  rule.language = *lang;

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

  if (auto r = compileTests(raw, rule, source, origin); !r)
    return r.error();
  return rule;
}

Result<Rule> parseRule(std::string_view json_text, std::string_view source_name,
                       RuleOrigin origin) {
  auto raw = parseRawRule(json_text, source_name);
  if (!raw)
    return raw.error();
  return compileRule(*raw, source_name, origin);
}

} // namespace keyshift::ruleset
