#include "ruleset/rule.h"
#include "test_files.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace keyshift::ruleset {
namespace {

using testing::readSourceFile;
using testing::sourcePath;

Result<Rule> loadValid(const std::string &name) {
  std::string path = "testdata/rules/valid/" + name;
  return parseRule(readSourceFile(path), path);
}

TEST(RuleTest, CompilesSetCallArgumentRule) {
  auto rule = loadValid("python-client-construction.json");
  ASSERT_TRUE(rule.ok()) << rule.error().message;
  EXPECT_EQ(rule->id, "python.client-construction");
  EXPECT_EQ(rule->language, Language::Python);
  EXPECT_EQ(rule->kind, FindingKind::ClientConstruction);
  EXPECT_EQ(rule->severity, Severity::Warning);
  EXPECT_EQ(rule->message, "OpenAI client built without the proxy base_url");
  EXPECT_EQ(rule->description, "Clients built from the openai package talk to "
                               "api.openai.com unless given a base_url.");
  EXPECT_EQ(rule->triggers,
            (std::vector<std::string>{"OpenAI", "AsyncOpenAI"}));
  EXPECT_EQ(rule->query,
            "(call function: (_) @callee arguments: (argument_list) @args) "
            "@call");
  EXPECT_EQ(rule->capture, "call");
  ASSERT_EQ(rule->where.size(), 1u);
  EXPECT_EQ(rule->where[0].capture, "callee");
  EXPECT_EQ(rule->where[0].symbols,
            (std::vector<std::string>{"openai.OpenAI", "openai.AsyncOpenAI"}));
  EXPECT_EQ(rule->where[0].regex, nullptr);
  EXPECT_EQ(rule->action.type, ActionType::SetCallArgument);
  EXPECT_EQ(rule->action.base_url_params,
            (std::vector<std::string>{"base_url"}));
  EXPECT_EQ(rule->action.api_key_params, (std::vector<std::string>{"api_key"}));
  EXPECT_TRUE(rule->action.from.empty());
  EXPECT_TRUE(rule->action.prefixes.empty());
  EXPECT_EQ(rule->action.to, "");
  ASSERT_EQ(rule->valid.size(), 1u);
  EXPECT_EQ(rule->valid[0].input,
            "from openai import OpenAI\nclient = "
            "OpenAI(base_url=\"https://proxy.example/v1\")\n");
  ASSERT_EQ(rule->invalid.size(), 1u);
  EXPECT_EQ(rule->invalid[0].input,
            "from openai import OpenAI\nclient = OpenAI()\n");
  EXPECT_EQ(rule->invalid[0].output,
            "import os\nfrom openai import OpenAI\nclient = "
            "OpenAI(base_url=\"https://proxy.example/v1\", "
            "api_key=os.environ[\"PROXY_API_KEY\"])\n");
  EXPECT_EQ(rule->source,
            "testdata/rules/valid/python-client-construction.json");
  EXPECT_EQ(rule->constraintFor("callee"), &rule->where[0]);
  EXPECT_EQ(rule->constraintFor("args"), nullptr);
}

TEST(RuleTest, CompilesRenameEnvVarRuleWithConstraints) {
  auto rule = loadValid("js-env-key-ref.json");
  ASSERT_TRUE(rule.ok()) << rule.error().message;
  EXPECT_EQ(rule->language, Language::JavaScript);
  EXPECT_EQ(rule->severity, Severity::Note);
  EXPECT_EQ(rule->capture, "name");
  EXPECT_EQ(rule->action.type, ActionType::RenameEnvVar);
  EXPECT_EQ(rule->action.from, (std::vector<std::string>{"OPENAI_API_KEY"}));
  EXPECT_EQ(rule->action.to, "key_env");
  ASSERT_EQ(rule->where.size(), 3u);
  const Constraint *obj = rule->constraintFor("obj");
  ASSERT_NE(obj, nullptr);
  EXPECT_EQ(obj->equals, "process");
  EXPECT_TRUE(obj->holds("process"));
  EXPECT_FALSE(obj->holds("processes"));
  const Constraint *env = rule->constraintFor("env");
  ASSERT_NE(env, nullptr);
  EXPECT_TRUE(env->holds("env"));
  EXPECT_FALSE(env->holds("environ"));
  const Constraint *name = rule->constraintFor("name");
  ASSERT_NE(name, nullptr);
  ASSERT_NE(name->regex, nullptr);
  EXPECT_EQ(name->regex->pattern(), "^OPENAI_API_KEY$");
  EXPECT_TRUE(name->holds("OPENAI_API_KEY"));
  EXPECT_FALSE(name->holds("OPENAI_API_KEY_2"));
  EXPECT_TRUE(rule->description.empty());
}

TEST(RuleTest, CompilesClangQueryRuleWithBindCaptures) {
  auto rule = loadValid("cpp-endpoint-literal.json");
  ASSERT_TRUE(rule.ok()) << rule.error().message;
  EXPECT_EQ(rule->language, Language::Cpp);
  // No "capture": the first bound name locates the finding.
  EXPECT_EQ(rule->capture, "url");
  EXPECT_EQ(rule->action.type, ActionType::ReplaceUrlPrefix);
  EXPECT_EQ(rule->action.prefixes,
            (std::vector<std::string>{"https://api.openai.com/v1"}));
  const Constraint *url = rule->constraintFor("url");
  ASSERT_NE(url, nullptr);
  EXPECT_TRUE(url->holds("\"https://api.openai.com/v1/models\""));
  EXPECT_FALSE(url->holds("\"https://api.openai.com/v1\\u0041\""));
  EXPECT_FALSE(url->holds("\"https://example.com/v1\""));
}

TEST(RuleTest, CompilesKeyPatternRuleWithImplicitValueCapture) {
  auto rule = loadValid("env-key-name.json");
  ASSERT_TRUE(rule.ok()) << rule.error().message;
  EXPECT_EQ(rule->language, Language::Env);
  EXPECT_EQ(rule->capture, "name");
  ASSERT_NE(rule->constraintFor("value"), nullptr);
  EXPECT_TRUE(rule->constraintFor("value")->holds("abc"));
  EXPECT_FALSE(rule->constraintFor("value")->holds("  "));
}

TEST(RuleTest, CompilesInsertAfterStatementTemplate) {
  auto rule = loadValid("python-module-config.json");
  ASSERT_TRUE(rule.ok()) << rule.error().message;
  EXPECT_EQ(rule->action.type, ActionType::InsertAfterStatement);
  EXPECT_EQ(rule->action.text_template,
            "${@module}.${base_url_attr} = \"${base_url}\"  # cost: $0");
  EXPECT_TRUE(rule->valid.empty());
  ASSERT_EQ(rule->invalid.size(), 1u);
}

TEST(RuleTest, ReportOnlyExamplesHaveNoOutput) {
  auto rule = loadValid("python-azure-needs-review.json");
  ASSERT_TRUE(rule.ok()) << rule.error().message;
  EXPECT_EQ(rule->kind, FindingKind::NeedsReview);
  EXPECT_EQ(rule->action.type, ActionType::ReportOnly);
  ASSERT_EQ(rule->invalid.size(), 1u);
  EXPECT_FALSE(rule->invalid[0].output.has_value());
}

TEST(RuleTest, UserRuleNeedsNoExamplesOrCapture) {
  auto rule = loadValid("user-minimal.json");
  ASSERT_TRUE(rule.ok()) << rule.error().message;
  EXPECT_EQ(rule->language, Language::TypeScript);
  EXPECT_EQ(rule->severity, Severity::Error);
  EXPECT_EQ(rule->capture, "url");
  EXPECT_TRUE(rule->where.empty());
  EXPECT_TRUE(rule->valid.empty());
  EXPECT_TRUE(rule->invalid.empty());
}

TEST(RuleTest, BuiltinRuleWithoutExamplesIsAConfigError) {
  std::string text = readSourceFile("testdata/rules/valid/user-minimal.json");
  auto rule = parseRule(text, "rules/ts/x.json", RuleOrigin::Builtin);
  ASSERT_FALSE(rule.ok());
  EXPECT_EQ(rule.error().code, ErrorCode::Config);
  EXPECT_EQ(rule.error().message,
            "rules/ts/x.json: /tests: missing required key (built-in rules "
            "need examples)");
}

TEST(RuleTest, BuiltinRuleWithOnlyValidExamplesIsAConfigError) {
  auto rule = parseRule(
      R"({"id": "env.x", "language": "env", "kind": "config-key",
          "severity": "note", "message": "m", "triggers": ["K"],
          "query": "^K$", "action": {"type": "report-only"},
          "tests": {"valid": ["A=1\n"]}})",
      "rules/env/x.json", RuleOrigin::Builtin);
  ASSERT_FALSE(rule.ok());
  EXPECT_EQ(rule.error().message,
            "rules/env/x.json: /tests/invalid: built-in rules need at least "
            "one example that fires");
}

TEST(RuleTest, TriggersItemThatIsAnArrayNeedsAllItsLiterals) {
  auto rule = parseRule(
      R"({"id": "env.x", "language": "env", "kind": "config-key",
          "severity": "note", "message": "m",
          "triggers": ["K", ["Configuration", "openai"]],
          "query": "^K$", "action": {"type": "report-only"}})",
      "x.json");
  ASSERT_TRUE(rule.ok()) << rule.error().message;
  EXPECT_EQ(rule->triggers, (std::vector<std::string>{"K", "Configuration"}))
      << "one literal per alternative, its first";
  EXPECT_EQ(rule->trigger_sets, (std::vector<std::vector<std::string>>{
                                    {"K"}, {"Configuration", "openai"}}));
  for (auto [triggers, message] :
       {std::pair{R"([[]])", "x.json: /triggers/0: must not be empty"},
        std::pair{R"([["a", 1]])",
                  "x.json: /triggers/0: must be a string or a non-empty "
                  "array of strings (all needed together)"},
        std::pair{R"([["a", ""]])", "x.json: /triggers/0/1: must not be empty"},
        std::pair{R"([])",
                  "x.json: /triggers: must be a non-empty array of strings"}}) {
    auto bad = parseRule(
        std::string(R"({"id": "env.x", "language": "env", "kind": "config-key",
          "severity": "note", "message": "m", "triggers": )") +
            triggers +
            R"(, "query": "^K$", "action": {"type": "report-only"}})",
        "x.json");
    ASSERT_FALSE(bad.ok()) << triggers;
    EXPECT_EQ(bad.error().message, message) << triggers;
  }
}

TEST(RuleTest, ActionNamesRoundTrip) {
  for (ActionType t :
       {ActionType::SetCallArgument, ActionType::RenameEnvVar,
        ActionType::ReplaceUrlPrefix, ActionType::ReplaceSecretWithEnv,
        ActionType::InsertAfterStatement, ActionType::ReportOnly,
        ActionType::SetModelName, ActionType::SetBodyModelName})
    EXPECT_EQ(actionTypeFromName(actionTypeName(t)), t);
  EXPECT_EQ(actionTypeName(ActionType::ReplaceSecretWithEnv),
            "replace-secret-with-env");
  EXPECT_FALSE(actionTypeFromName("set-call-arg").has_value());
}

TEST(RuleTest, TreeSitterCapturesSkipStringsAndComments) {
  EXPECT_EQ(queryCaptures(Language::Python,
                          "((call function: (identifier) @fn.name) @call "
                          "(#eq? @fn.name \"@not \\\" @either\")) ; @nor"),
            (std::vector<std::string>{"fn.name", "call"}));
}

TEST(RuleTest, ClangQueryCapturesAreBindNames) {
  EXPECT_EQ(queryCaptures(Language::Cpp,
                          "callExpr(callee(functionDecl(hasName(\"getenv\")))"
                          ".bind(\"fn\"), hasArgument(0, "
                          "stringLiteral().bind( \"name\"))).bind(\"call\")"),
            (std::vector<std::string>{"fn", "name", "call"}));
}

TEST(RuleTest, KeyPatternCapturesAreNamedGroupsPlusKeyAndValue) {
  EXPECT_EQ(queryCaptures(Language::Yaml, "^(?P<name>OPENAI_(?<what>\\w+))$"),
            (std::vector<std::string>{"name", "what", "key", "value"}));
}

TEST(RuleTest, ConstraintHoldsOnlyWhenEveryTestHolds) {
  Constraint c;
  c.regex = std::make_shared<const RE2>("OpenAI");
  c.not_regex = std::make_shared<const RE2>("^Azure");
  c.one_of = {"OpenAI", "AsyncOpenAI", "AzureOpenAI"};
  EXPECT_TRUE(c.holds("OpenAI"));
  EXPECT_TRUE(c.holds("AsyncOpenAI"));
  EXPECT_FALSE(c.holds("AzureOpenAI")); // not_regex
  EXPECT_FALSE(c.holds("MyOpenAI"));    // one_of
  Constraint symbols_only;
  symbols_only.symbols = {"openai.OpenAI"};
  EXPECT_TRUE(symbols_only.holds("anything")); // symbols are the engine's
}

// Every testdata/rules/invalid/<name>.json is rejected with exactly the text
// in <name>.err. KEYSHIFT_UPDATE_GOLDEN=1 rewrites the .err files; review
// the diff.
TEST(RuleTest, InvalidRulesFailWithTheExpectedMessage) {
  namespace fs = std::filesystem;
  const std::string dir = "testdata/rules/invalid";
  std::vector<std::string> names;
  for (const auto &entry : fs::directory_iterator(sourcePath(dir)))
    if (entry.path().extension() == ".json")
      names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  ASSERT_GE(names.size(), 30u);
  bool update = std::getenv("KEYSHIFT_UPDATE_GOLDEN") != nullptr;
  for (const auto &name : names) {
    SCOPED_TRACE(name);
    std::string path = dir + "/" + name + ".json";
    auto rule = parseRules(readSourceFile(path), path);
    ASSERT_FALSE(rule.ok()) << "accepted";
    EXPECT_EQ(rule.error().code, ErrorCode::Config);
    if (update) {
      std::ofstream(sourcePath(dir + "/" + name + ".err"))
          << rule.error().message << "\n";
      continue;
    }
    std::string expected = readSourceFile(dir + "/" + name + ".err");
    ASSERT_FALSE(expected.empty()) << "missing " << name << ".err";
    if (expected.back() == '\n')
      expected.pop_back();
    EXPECT_EQ(rule.error().message, expected);
  }
}

TEST(RuleTest, AFileForSeveralLanguagesDefinesOneRuleEach) {
  std::string path = "testdata/rules/valid/js-multi-language.json";
  auto rules = parseRules(readSourceFile(path), path);
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  ASSERT_EQ(rules->size(), 2u);
  const Rule &js = (*rules)[0];
  const Rule &ts = (*rules)[1];
  EXPECT_EQ(js.id, "javascript.env-read");
  EXPECT_EQ(ts.id, "typescript.env-read");
  EXPECT_EQ(js.language, Language::JavaScript);
  EXPECT_EQ(ts.language, Language::TypeScript);
  EXPECT_EQ(ts.languages, (std::vector<Language>{Language::JavaScript,
                                                 Language::TypeScript}));
  EXPECT_EQ(js.query, ts.query);
  ASSERT_EQ(js.valid.size(), 1u) << "the typescript-only example is not js's";
  ASSERT_EQ(ts.valid.size(), 2u);
  EXPECT_EQ(ts.valid[1].index, 1u);
  ASSERT_EQ(js.invalid.size(), 1u);
  ASSERT_EQ(ts.invalid.size(), 2u);
  EXPECT_EQ(ts.invalid[1].index, 1u) << "indices are the file's";
  EXPECT_FALSE(parseRule(readSourceFile(path), path).ok())
      << "parseRule wants a file with one rule";
}

} // namespace
} // namespace keyshift::ruleset
