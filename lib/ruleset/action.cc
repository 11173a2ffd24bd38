// Action parameters: which ones each action takes, and that they are
// well-formed (insert-after-statement's template names only known
// placeholders and real captures).
#include "base/json_diag.h"
#include "ruleset/compile.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <utility>

namespace keyshift::ruleset {
namespace {

using json_diag::jsonError;
using namespace detail;

constexpr std::array<std::pair<ActionType, std::string_view>, 8> kActionNames{{
    {ActionType::SetCallArgument, "set-call-argument"},
    {ActionType::RenameEnvVar, "rename-env-var"},
    {ActionType::ReplaceUrlPrefix, "replace-url-prefix"},
    {ActionType::ReplaceSecretWithEnv, "replace-secret-with-env"},
    {ActionType::InsertAfterStatement, "insert-after-statement"},
    {ActionType::ReportOnly, "report-only"},
    {ActionType::SetModelName, "set-model-name"},
    {ActionType::SetBodyModelName, "set-body-model-name"},
}};

const std::vector<std::string> &templatePlaceholders() {
  // base_url_attr: "base_url", or "api_base" where a Python file uses the
  // pre-1.0 SDK (the python engine decides).
  static const std::vector<std::string> names = {
      "base_url", "key_env", "base_url_env", "base_url_attr"};
  return names;
}
std::vector<std::string> actionNames() {
  std::vector<std::string> names;
  for (const auto &[type, name] : kActionNames)
    names.emplace_back(name);
  return names;
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
namespace detail {

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
       {ActionType::SetCallArgument, ActionType::SetModelName}},
      {"api_key_params",
       raw.api_key_params.has_value(),
       {ActionType::SetCallArgument, ActionType::SetModelName}},
      {"from",
       raw.from.has_value(),
       {ActionType::RenameEnvVar, ActionType::ReportOnly,
        ActionType::SetModelName}},
      {"to", raw.to.has_value(), {ActionType::RenameEnvVar}},
      {"prefixes",
       raw.prefixes.has_value(),
       {ActionType::ReplaceUrlPrefix, ActionType::SetBodyModelName}},
      {"template",
       raw.text_template.has_value(),
       {ActionType::InsertAfterStatement}},
      {"shim_wrap",
       raw.shim_wrap.has_value(),
       {ActionType::SetCallArgument, ActionType::SetModelName}},
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
  case ActionType::SetModelName:
  case ActionType::SetCallArgument: {
    if (*type == ActionType::SetModelName) {
      auto from = requiredList(raw.from, source, "/action/from");
      if (!from)
        return from.error();
      action.from = std::move(from).value();
    }
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
  case ActionType::ReplaceUrlPrefix:
  case ActionType::SetBodyModelName: {
    auto prefixes = requiredList(raw.prefixes, source, "/action/prefixes");
    if (!prefixes)
      return prefixes.error();
    for (std::size_t i = 0; i < prefixes->size(); ++i) {
      const std::string &p = (*prefixes)[i];
      // ws:// and wss:// (the Realtime API) take B's WebSocket form.
      bool scheme = false;
      for (std::string_view s : {"http://", "https://", "ws://", "wss://"})
        scheme = scheme || p.starts_with(s);
      if (!scheme)
        return jsonError(source, "/action/prefixes/" + std::to_string(i),
                         "must start with http://, https://, ws:// or wss://");
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
  case ActionType::ReportOnly:
    // The variables the reported code reads by itself (an SDK's default
    // provider): their flows are held back with it.
    if (raw.from) {
      auto from = requiredList(raw.from, source, "/action/from");
      if (!from)
        return from.error();
      action.from = std::move(from).value();
    }
    break;
  case ActionType::ReplaceSecretWithEnv:
    break;
  }
  return action;
}
} // namespace detail
} // namespace keyshift::ruleset
