#include "ruleset/raw_rule.h"

#include "base/json_diag.h"

#include <nlohmann/json.hpp>

#include <functional>

namespace keyshift::ruleset {
namespace {

// ordered_json keeps the file's key order, so the first error reported is
// the first one a reader meets, and "where" keeps the author's order.
using Json = nlohmann::ordered_json;
using json_diag::jsonError;
using json_diag::pointerAppend;

constexpr std::string_view kNeedString = "must be a string";
constexpr std::string_view kNeedStrings = "must be an array of strings";
constexpr std::string_view kNeedNonEmptyStrings =
    "must be a non-empty array of strings";

/// One key of a JSON object and how to store its value in T.
template <typename T> struct Field {
  std::string key;
  std::function<Result<void>(const Json &, const std::string &pointer,
                             std::string_view source, T &out)>
      parse;
};

template <typename T>
std::vector<std::string> keysOf(const std::vector<Field<T>> &fields) {
  std::vector<std::string> keys;
  for (const auto &f : fields)
    keys.push_back(f.key);
  return keys;
}

template <typename T>
Result<void> parseObject(const Json &j, const std::string &pointer,
                         std::string_view source,
                         const std::vector<Field<T>> &fields, T &out) {
  if (!j.is_object())
    return jsonError(source, pointer, "must be an object");
  for (const auto &[key, value] : j.items()) {
    std::string child = pointerAppend(pointer, key);
    const Field<T> *field = nullptr;
    for (const auto &f : fields)
      if (f.key == key)
        field = &f;
    if (field == nullptr)
      return jsonError(source, child,
                       "unknown key '" + key + "'" +
                           json_diag::suggest(key, keysOf(fields)));
    if (auto r = field->parse(value, child, source, out); !r)
      return r;
  }
  return {};
}

template <typename T>
Field<T> stringField(std::string key, std::optional<std::string> T::*member) {
  return {std::move(key),
          [member](const Json &j, const std::string &pointer,
                   std::string_view source, T &out) -> Result<void> {
            if (!j.is_string())
              return jsonError(source, pointer, kNeedString);
            out.*member = j.get<std::string>();
            return {};
          }};
}

Result<std::vector<std::string>> stringList(const Json &j,
                                            const std::string &pointer,
                                            std::string_view source,
                                            std::string_view problem) {
  if (!j.is_array())
    return jsonError(source, pointer, problem);
  std::vector<std::string> items;
  for (const auto &item : j) {
    if (!item.is_string())
      return jsonError(source, pointer, problem);
    items.push_back(item.get<std::string>());
  }
  return items;
}

/// A list of strings; `non_empty` lists say so in their type error too, so
/// "triggers": "OpenAI" and "triggers": [] read the same way to the author.
template <typename T>
Field<T> stringListField(std::string key,
                         std::optional<std::vector<std::string>> T::*member,
                         bool non_empty) {
  std::string_view problem = non_empty ? kNeedNonEmptyStrings : kNeedStrings;
  return {std::move(key),
          [member, problem](const Json &j, const std::string &pointer,
                            std::string_view source, T &out) -> Result<void> {
            auto items = stringList(j, pointer, source, problem);
            if (!items)
              return items.error();
            out.*member = std::move(items).value();
            return {};
          }};
}

/// "triggers": ["a", ["b", "c"]] is a, or b and c together.
Result<void> parseTriggers(const Json &j, const std::string &pointer,
                           std::string_view source, RawRule &out) {
  if (!j.is_array() || j.empty())
    return jsonError(source, pointer, kNeedNonEmptyStrings);
  std::vector<std::string> firsts;
  std::vector<std::vector<std::string>> sets;
  for (std::size_t i = 0; i < j.size(); ++i) {
    std::string at = pointerAppend(pointer, std::to_string(i));
    if (j[i].is_string()) {
      sets.push_back({j[i].get<std::string>()});
    } else {
      auto all = stringList(j[i], at, source,
                            "must be a string or a non-empty array of strings "
                            "(all needed together)");
      if (!all)
        return all.error();
      if (all->empty())
        return jsonError(source, at, "must not be empty");
      sets.push_back(std::move(all).value());
    }
    firsts.push_back(sets.back().front());
  }
  out.triggers = std::move(firsts);
  out.trigger_sets = std::move(sets);
  return {};
}

const std::vector<Field<RawConstraint>> &constraintFields() {
  static const std::vector<Field<RawConstraint>> fields = {
      stringListField("symbol", &RawConstraint::symbol, true),
      stringField("regex", &RawConstraint::regex),
      stringField("not_regex", &RawConstraint::not_regex),
      stringListField("one_of", &RawConstraint::one_of, true),
      stringField("equals", &RawConstraint::equals),
  };
  return fields;
}

const std::vector<Field<RawAction>> &actionFields() {
  static const std::vector<Field<RawAction>> fields = {
      stringField("type", &RawAction::type),
      stringListField("base_url_params", &RawAction::base_url_params, true),
      stringListField("api_key_params", &RawAction::api_key_params, true),
      stringListField("from", &RawAction::from, true),
      stringField("to", &RawAction::to),
      stringListField("prefixes", &RawAction::prefixes, true),
      stringField("template", &RawAction::text_template),
      stringField("shim_wrap", &RawAction::shim_wrap),
  };
  return fields;
}

const std::vector<Field<RawExample>> &exampleFields() {
  static const std::vector<Field<RawExample>> fields = {
      stringField("input", &RawExample::input),
      stringField("output", &RawExample::output),
      stringListField("languages", &RawExample::languages, true),
  };
  return fields;
}

/// A list of examples; `plain_strings` lets an item be just its input.
template <bool plain_strings>
Result<void> parseExamples(const Json &j, const std::string &pointer,
                           std::string_view source,
                           std::optional<std::vector<RawExample>> &out) {
  if (!j.is_array())
    return jsonError(source, pointer,
                     plain_strings ? "must be an array of strings or objects"
                                   : "must be an array of objects");
  std::vector<RawExample> examples;
  for (std::size_t i = 0; i < j.size(); ++i) {
    RawExample example;
    std::string at = pointerAppend(pointer, std::to_string(i));
    if (plain_strings && j[i].is_string())
      example.input = j[i].get<std::string>();
    else if (plain_strings && !j[i].is_object())
      return jsonError(source, at, "must be a string or an object");
    else if (auto r = parseObject(j[i], at, source, exampleFields(), example);
             !r)
      return r;
    examples.push_back(std::move(example));
  }
  out = std::move(examples);
  return {};
}

const std::vector<Field<RawTests>> &testsFields() {
  static const std::vector<Field<RawTests>> fields = {
      {"valid",
       [](const Json &j, const std::string &pointer, std::string_view source,
          RawTests &out) {
         return parseExamples<true>(j, pointer, source, out.valid);
       }},
      {"invalid",
       [](const Json &j, const std::string &pointer, std::string_view source,
          RawTests &out) {
         return parseExamples<false>(j, pointer, source, out.invalid);
       }},
  };
  return fields;
}

const std::vector<Field<RawRule>> &ruleFields() {
  static const std::vector<Field<RawRule>> fields = {
      stringField("id", &RawRule::id),
      stringField("language", &RawRule::language),
      stringListField("languages", &RawRule::languages, true),
      stringField("kind", &RawRule::kind),
      stringField("severity", &RawRule::severity),
      stringField("message", &RawRule::message),
      stringField("description", &RawRule::description),
      {"triggers", parseTriggers},
      stringField("query", &RawRule::query),
      stringField("capture", &RawRule::capture),
      {"where",
       [](const Json &j, const std::string &pointer, std::string_view source,
          RawRule &out) -> Result<void> {
         if (!j.is_object())
           return jsonError(source, pointer, "must be an object");
         std::vector<std::pair<std::string, RawConstraint>> where;
         for (const auto &[capture, value] : j.items()) {
           RawConstraint constraint;
           if (auto r = parseObject(value, pointerAppend(pointer, capture),
                                    source, constraintFields(), constraint);
               !r)
             return r;
           where.emplace_back(capture, std::move(constraint));
         }
         out.where = std::move(where);
         return {};
       }},
      {"action",
       [](const Json &j, const std::string &pointer, std::string_view source,
          RawRule &out) -> Result<void> {
         RawAction action;
         if (auto r = parseObject(j, pointer, source, actionFields(), action);
             !r)
           return r;
         out.action = std::move(action);
         return {};
       }},
      {"tests",
       [](const Json &j, const std::string &pointer, std::string_view source,
          RawRule &out) -> Result<void> {
         RawTests tests;
         if (auto r = parseObject(j, pointer, source, testsFields(), tests); !r)
           return r;
         out.tests = std::move(tests);
         return {};
       }},
  };
  return fields;
}

} // namespace

Result<RawRule> parseRawRule(std::string_view json_text,
                             std::string_view source_name) {
  Json j;
  try {
    j = Json::parse(json_text.begin(), json_text.end());
  } catch (const nlohmann::json::parse_error &e) {
    return json_diag::invalidJson(source_name, json_text, e.byte, e.what());
  } catch (const nlohmann::json::exception &e) {
    return json_diag::invalidJson(source_name, json_text, 0, e.what());
  }
  if (!j.is_object())
    return jsonError(source_name, "", "a rule file must hold one JSON object");
  RawRule rule;
  try {
    if (auto r = parseObject(j, "", source_name, ruleFields(), rule); !r)
      return r.error();
  } catch (const nlohmann::json::exception &e) {
    // Types are checked before every get<>(), so this is a keyshift bug.
    return makeError(ErrorCode::Internal,
                     std::string(source_name) + ": " + e.what());
  }
  return rule;
}

const std::vector<std::string> &rawRuleKeys() {
  static const std::vector<std::string> keys = keysOf(ruleFields());
  return keys;
}
const std::vector<std::string> &rawConstraintKeys() {
  static const std::vector<std::string> keys = keysOf(constraintFields());
  return keys;
}
const std::vector<std::string> &rawActionKeys() {
  static const std::vector<std::string> keys = keysOf(actionFields());
  return keys;
}
const std::vector<std::string> &rawTestsKeys() {
  static const std::vector<std::string> keys = keysOf(testsFields());
  return keys;
}
const std::vector<std::string> &rawExampleKeys() {
  static const std::vector<std::string> keys = keysOf(exampleFields());
  return keys;
}

} // namespace keyshift::ruleset
