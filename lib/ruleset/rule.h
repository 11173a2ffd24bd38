// Phase two of loading a rule: a RawRule checked and compiled into the Rule
// the engines run. Everything an engine can trust is settled here (known
// language, kind and action, parameters that fit the action, "where" naming
// real captures, RE2 patterns compiled); the query itself is compiled by the
// engine of the rule's language, which reports its own errors.
#ifndef KEYSHIFT_RULESET_RULE_H_
#define KEYSHIFT_RULESET_RULE_H_

#include "base/error.h"
#include "base/finding_kind.h"
#include "base/language.h"
#include "base/severity.h"
#include "ruleset/raw_rule.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
} // namespace re2

namespace keyshift::ruleset {

using re2::RE2;

/// The rewrite vocabulary (DESIGN §4); rules compose these, never C++.
enum class ActionType {
  SetCallArgument,
  RenameEnvVar,
  ReplaceUrlPrefix,
  ReplaceSecretWithEnv,
  InsertAfterStatement,
  ReportOnly,
  /// A model name passed to a client's API call: mapped to the proxy's
  /// naming when the client it is called on moves to the proxy.
  SetModelName,
  /// A model name in a request body (`json={"model": ...}`, `body:
  /// JSON.stringify({ model })`): mapped to the proxy's naming when the
  /// request that sends the body moves to the proxy.
  SetBodyModelName,
};

/// "set-call-argument", ...: the spelling in rule files.
std::string_view actionTypeName(ActionType type);
std::optional<ActionType> actionTypeFromName(std::string_view name);

/// Only the parameters of `type` are set; the others stay empty.
struct Action {
  ActionType type = ActionType::ReportOnly;
  /// set-call-argument: accepted names, the first is the one written.
  std::vector<std::string> base_url_params, api_key_params;
  /// rename-env-var: the names to rename ... (report-only: the variables
  /// the reported code reads by itself, whose flows it holds back;
  /// set-model-name: the client constructors, qualified, it links calls to;
  /// it takes set-call-argument's parameters too, to decide as it does)
  std::vector<std::string> from;
  /// replace-url-prefix: URL prefixes replaced by the proxy base URL
  /// (set-body-model-name: those a request's URL must start with to move).
  std::vector<std::string> prefixes;
  /// ... and what they become: "key_env" or "base_url_env".
  std::string to;
  /// insert-after-statement: text with placeholders ${base_url},
  /// ${key_env}, ${base_url_env}, ${base_url_attr} ("base_url", or
  /// "api_base" for the pre-1.0 Python SDK) and ${@capture} (a capture's
  /// text; the capture must exist). No others, and every one is closed.
  std::string text_template;
  /// set-call-argument under `migrate --shim`: the function ("module.name")
  /// that wraps the construction, imported where missing. Empty: never.
  std::string shim_wrap;
};

/// Tests on one capture's text; all that are set must hold.
struct Constraint {
  std::string capture;
  /// Qualified names ("openai.OpenAI") the capture must resolve to through
  /// imports; the engine checks these, holds() ignores them.
  std::vector<std::string> symbols;
  std::shared_ptr<const RE2> regex;     ///< must match somewhere (search)
  std::shared_ptr<const RE2> not_regex; ///< must not match anywhere
  std::vector<std::string> one_of;
  std::optional<std::string> equals;

  /// regex / not_regex / one_of / equals against the capture's text.
  bool holds(std::string_view text) const;
};

/// One example of "tests.valid" or "tests.invalid"; an invalid one without
/// output reports without rewriting (report-only and needs-review rules).
struct RuleExample {
  std::string input;
  std::optional<std::string> output;
  std::size_t index = 0; ///< its place in the file's list
};

/// Built-in rules must carry examples; user rules may leave them out.
enum class RuleOrigin { User, Builtin };

struct Rule {
  std::string id; ///< "python.client-construction"
  Language language = Language::Unknown;
  /// The languages its file defines rules for: `language` alone, or each
  /// of a multi-language file's `languages` (one rule each, ids
  /// "<language>.<id>").
  std::vector<Language> languages;
  FindingKind kind = FindingKind::NeedsReview; ///< DESIGN §5
  Severity severity = Severity::Warning;
  std::string message;     ///< one line
  std::string description; ///< longer help; may be empty
  /// Literals for the prefilter: a file holding none is never parsed. One
  /// per alternative of trigger_sets (its first): a coarser test than
  /// trigger_sets, for engines that take one literal per alternative.
  std::vector<std::string> triggers;
  /// The alternatives, each a set of literals a file must hold all of for
  /// the rule to be a candidate ("triggers": ["a", ["b", "c"]] in the file).
  std::vector<std::vector<std::string>> trigger_sets;
  std::string query; ///< engine-native, uncompiled
  /// The capture that locates a finding: as written, else the query's first
  /// capture, else "" (the whole match).
  std::string capture;
  std::vector<Constraint> where; ///< in file order
  Action action;
  std::vector<RuleExample> valid; ///< the examples for `language`
  std::vector<RuleExample> invalid;
  /// "rules/python/client.json" for built-ins, the given path for user files.
  std::string source;
  /// Built-in queries are checked by `test-rules`, so engines may compile
  /// them on first use; a user's are compiled up front (a bad one is a
  /// configuration error before any file is reported).
  RuleOrigin origin = RuleOrigin::User;

  /// The constraint on `capture`, or nullptr.
  const Constraint *constraintFor(std::string_view capture) const;
};

/// The finding kinds a rule may declare (DESIGN §5, without the driver's
/// own rewrite-failed and conflict).
const std::vector<std::string> &ruleKinds();

/// The capture names a query defines, in order of first appearance, by the
/// rule language's query syntax:
///   python, javascript, typescript, tsx, notebook: tree-sitter `@name`
///     tokens outside string literals and `;` comments;
///   cpp: clang-query `.bind("name")`;
///   env, yaml, json, toml, markdown: RE2 named groups `(?P<name>...)` plus
///     the implicit "key" and "value" of the matched entry.
std::vector<std::string> queryCaptures(Language language,
                                       std::string_view query);

/// Validates and compiles a parsed rule file: one rule, or one per
/// language of its `languages`. Errors name `source` and a JSON pointer
/// ("x.json: /where/calee: unknown capture 'calee' (did you mean
/// 'callee'?)").
Result<std::vector<Rule>>
compileRules(const RawRule &raw, std::string_view source, RuleOrigin origin);
/// parseRawRule + compileRules.
Result<std::vector<Rule>> parseRules(std::string_view json_text,
                                     std::string_view source_name,
                                     RuleOrigin origin = RuleOrigin::User);

/// compileRules for a file that defines one rule.
Result<Rule> compileRule(const RawRule &raw, std::string_view source,
                         RuleOrigin origin);
/// parseRawRule + compileRule.
Result<Rule> parseRule(std::string_view json_text, std::string_view source_name,
                       RuleOrigin origin = RuleOrigin::User);

} // namespace keyshift::ruleset

#endif // KEYSHIFT_RULESET_RULE_H_
