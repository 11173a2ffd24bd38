// Phase one of loading a rule: the JSON file mirrored field for field, with
// only JSON-level checks (syntax, types, unknown keys). rule.h compiles and
// validates it (ast-grep's SerializableRuleConfig -> RuleConfig split).
// rules/schema.json describes the same fields; a test keeps the two in sync.
#ifndef KEYSHIFT_RULESET_RAW_RULE_H_
#define KEYSHIFT_RULESET_RAW_RULE_H_

#include "base/error.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace keyshift::ruleset {

/// One entry of "where": tests on the text of one capture.
struct RawConstraint {
  std::optional<std::vector<std::string>> symbol; ///< resolved via imports
  std::optional<std::string> regex;               ///< RE2, must match
  std::optional<std::string> not_regex;           ///< RE2, must not match
  std::optional<std::vector<std::string>> one_of; ///< exact alternatives
  std::optional<std::string> equals;              ///< exact text
};

/// "action": the rewrite and its parameters; which ones apply depends on type.
struct RawAction {
  std::optional<std::string> type;
  std::optional<std::vector<std::string>> base_url_params;
  std::optional<std::vector<std::string>> api_key_params;
  std::optional<std::vector<std::string>> from;
  std::optional<std::string> to;
  std::optional<std::vector<std::string>> prefixes;
  std::optional<std::string> text_template; ///< JSON key "template"
  std::optional<std::string> shim_wrap;
};

/// One example: source that must fire (tests.invalid) and what it becomes,
/// or source that must not (tests.valid, where a plain string says the
/// same as {"input": ...}). `languages` narrows it, in a file for several.
struct RawExample {
  std::optional<std::string> input;
  std::optional<std::string> output;
  std::optional<std::vector<std::string>> languages;
};

struct RawTests {
  std::optional<std::vector<RawExample>> valid;
  std::optional<std::vector<RawExample>> invalid;
};

struct RawRule {
  std::optional<std::string> id;
  std::optional<std::string> language;
  /// Instead of `language`: one rule per language, with the same query.
  std::optional<std::vector<std::string>> languages;
  std::optional<std::string> kind;
  std::optional<std::string> severity;
  std::optional<std::string> message;
  std::optional<std::string> description;
  /// One literal per alternative of "triggers": an item that is a string,
  /// or the first of an item that is an array (an all-of group).
  std::optional<std::vector<std::string>> triggers;
  /// Every alternative whole: {"s"} for a string item, the array's strings
  /// for an all-of item. Same length and order as `triggers`.
  std::vector<std::vector<std::string>> trigger_sets;
  std::optional<std::string> query;
  std::optional<std::string> capture;
  /// Capture name -> constraint, in file order.
  std::optional<std::vector<std::pair<std::string, RawConstraint>>> where;
  std::optional<RawAction> action;
  std::optional<RawTests> tests;
};

/// Parses one rule file. Errors name the source, then a JSON pointer or a
/// line:column: "x.json: /action/typ: unknown key 'typ' (did you mean
/// 'type'?)", "x.json:3:14: invalid JSON: ...".
Result<RawRule> parseRawRule(std::string_view json_text,
                             std::string_view source_name);

/// The keys each JSON object of a rule accepts, straight from the tables the
/// parser uses; the schema sync test compares them with rules/schema.json.
const std::vector<std::string> &rawRuleKeys();
const std::vector<std::string> &rawConstraintKeys();
const std::vector<std::string> &rawActionKeys();
const std::vector<std::string> &rawTestsKeys();
const std::vector<std::string> &rawExampleKeys();

} // namespace keyshift::ruleset

#endif // KEYSHIFT_RULESET_RAW_RULE_H_
