#include "ruleset/raw_rule.h"

#include <gtest/gtest.h>

namespace keyshift::ruleset {
namespace {

TEST(RawRuleTest, MirrorsEveryFieldOfTheFile) {
  auto raw = parseRawRule(R"({
    "id": "python.x", "language": "python", "kind": "needs-review",
    "severity": "note", "message": "m", "description": "d",
    "triggers": ["A", "B"], "query": "(call) @c", "capture": "c",
    "where": {"z": {"regex": "r", "not_regex": "n", "equals": "e"},
              "a": {"symbol": ["s.T"], "one_of": ["x", "y"]}},
    "action": {"type": "rename-env-var", "from": ["F"], "to": "key_env",
               "base_url_params": ["b"], "api_key_params": ["k"],
               "prefixes": ["https://p"], "template": "t"},
    "tests": {"valid": ["v"], "invalid": [{"input": "i", "output": "o"},
                                          {"input": "j"}]}
  })",
                          "x.json");
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  EXPECT_EQ(raw->id, "python.x");
  EXPECT_EQ(raw->language, "python");
  EXPECT_EQ(raw->kind, "needs-review");
  EXPECT_EQ(raw->severity, "note");
  EXPECT_EQ(raw->message, "m");
  EXPECT_EQ(raw->description, "d");
  EXPECT_EQ(raw->triggers, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(raw->query, "(call) @c");
  EXPECT_EQ(raw->capture, "c");
  ASSERT_TRUE(raw->where.has_value());
  ASSERT_EQ(raw->where->size(), 2u);
  // File order, not alphabetical: errors and findings follow the author.
  EXPECT_EQ((*raw->where)[0].first, "z");
  EXPECT_EQ((*raw->where)[0].second.regex, "r");
  EXPECT_EQ((*raw->where)[0].second.not_regex, "n");
  EXPECT_EQ((*raw->where)[0].second.equals, "e");
  EXPECT_FALSE((*raw->where)[0].second.symbol.has_value());
  EXPECT_EQ((*raw->where)[1].first, "a");
  EXPECT_EQ((*raw->where)[1].second.symbol, (std::vector<std::string>{"s.T"}));
  EXPECT_EQ((*raw->where)[1].second.one_of,
            (std::vector<std::string>{"x", "y"}));
  ASSERT_TRUE(raw->action.has_value());
  EXPECT_EQ(raw->action->type, "rename-env-var");
  EXPECT_EQ(raw->action->from, (std::vector<std::string>{"F"}));
  EXPECT_EQ(raw->action->to, "key_env");
  EXPECT_EQ(raw->action->base_url_params, (std::vector<std::string>{"b"}));
  EXPECT_EQ(raw->action->api_key_params, (std::vector<std::string>{"k"}));
  EXPECT_EQ(raw->action->prefixes, (std::vector<std::string>{"https://p"}));
  EXPECT_EQ(raw->action->text_template, "t");
  ASSERT_TRUE(raw->tests.has_value());
  ASSERT_EQ(raw->tests->valid->size(), 1u);
  EXPECT_EQ((*raw->tests->valid)[0].input, "v")
      << "a plain string is an example's input";
  ASSERT_EQ(raw->tests->invalid->size(), 2u);
  EXPECT_EQ((*raw->tests->invalid)[0].input, "i");
  EXPECT_EQ((*raw->tests->invalid)[0].output, "o");
  EXPECT_EQ((*raw->tests->invalid)[1].input, "j");
  EXPECT_FALSE((*raw->tests->invalid)[1].output.has_value());
}

TEST(RawRuleTest, AbsentKeysStayUnset) {
  auto raw = parseRawRule("{}", "x.json");
  ASSERT_TRUE(raw.ok());
  EXPECT_FALSE(raw->id.has_value());
  EXPECT_FALSE(raw->where.has_value());
  EXPECT_FALSE(raw->action.has_value());
  EXPECT_FALSE(raw->tests.has_value());
}

TEST(RawRuleTest, UnknownKeySuggestsTheClosestOne) {
  auto raw = parseRawRule(R"({"action": {"typ": "report-only"}})", "r.json");
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().code, ErrorCode::Config);
  EXPECT_EQ(raw.error().message,
            "r.json: /action/typ: unknown key 'typ' (did you mean 'type'?)");
}

TEST(RawRuleTest, UnknownKeyFarFromAnyHasNoSuggestion) {
  auto raw = parseRawRule(R"({"author": "me"})", "r.json");
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().message, "r.json: /author: unknown key 'author'");
}

TEST(RawRuleTest, PointerEscapesSlashAndTilde) {
  auto raw = parseRawRule(R"({"where": {"a/b~c": {"regexp": "x"}}})", "r.json");
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().message, "r.json: /where/a~1b~0c/regexp: unknown key "
                                 "'regexp' (did you mean 'regex'?)");
}

TEST(RawRuleTest, InvalidJsonIsReportedAtLineAndColumn) {
  auto raw = parseRawRule("{\n  \"id\": \"a.b\",\n  \"kind\" 1\n}", "r.json");
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().message,
            "r.json:3:10: invalid JSON: syntax error while parsing object "
            "separator - unexpected number literal; expected ':'");
}

TEST(RawRuleTest, CommentsAreNotJson) {
  // Rule files are plain JSON so every JSON tool (and ajv) can read them.
  auto raw = parseRawRule("// c\n{}", "r.json");
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().message.rfind("r.json:1:1: invalid JSON: ", 0), 0u)
      << raw.error().message;
}

TEST(RawRuleTest, WrongTypesNameTheKey) {
  EXPECT_EQ(
      parseRawRule(R"({"tests": {"invalid": {}}})", "r.json").error().message,
      "r.json: /tests/invalid: must be an array of objects");
  EXPECT_EQ(
      parseRawRule(R"({"tests": {"valid": [1]}})", "r.json").error().message,
      "r.json: /tests/valid/0: must be a string or an object");
  EXPECT_EQ(parseRawRule(R"({"action": []})", "r.json").error().message,
            "r.json: /action: must be an object");
  EXPECT_EQ(parseRawRule(R"({"where": {"c": {"one_of": "x"}}})", "r.json")
                .error()
                .message,
            "r.json: /where/c/one_of: must be a non-empty array of strings");
}

TEST(RawRuleTest, KeyListsComeFromTheParser) {
  EXPECT_EQ(rawRuleKeys(),
            (std::vector<std::string>{"id", "language", "languages", "kind",
                                      "severity", "message", "description",
                                      "triggers", "query", "capture", "where",
                                      "action", "tests"}));
  EXPECT_EQ(rawActionKeys(),
            (std::vector<std::string>{"type", "base_url_params",
                                      "api_key_params", "from", "to",
                                      "prefixes", "template", "shim_wrap"}));
  EXPECT_EQ(rawConstraintKeys(),
            (std::vector<std::string>{"symbol", "regex", "not_regex", "one_of",
                                      "equals"}));
  EXPECT_EQ(rawTestsKeys(), (std::vector<std::string>{"valid", "invalid"}));
  EXPECT_EQ(rawExampleKeys(),
            (std::vector<std::string>{"input", "output", "languages"}));
}

} // namespace
} // namespace keyshift::ruleset
