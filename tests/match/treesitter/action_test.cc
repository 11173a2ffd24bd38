// Each action of the tree-sitter engine on its own (the golden cases cover
// them only in combination): one test per action, written once against the
// Dialect trait and run for every language of the engine. A language's
// case is its spelling of the same program; the rule is the built-in one of
// that action for the language, so the test also proves the rule files and
// the action agree.
#include "match/js/js_dialect.h"
#include "match/python/python_dialect.h"
#include "match/treesitter/engine.h"
#include "rewrite/apply.h"
#include "ruleset/rule_set.h"
#include "support/fake_key.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace keyshift::ts {
namespace {

using ruleset::ActionType;

const ProxyTarget kProxy{"https://llm-proxy.example/v1", "LLM_PROXY_KEY", ""};

const Dialect &dialectFor(Language l) {
  if (l == Language::Python)
    return python::dialect();
  return *js::dialect(l);
}

/// What one action made of one source.
struct Outcome {
  std::vector<Finding> findings; ///< the action's rule's findings only
  std::string result;            ///< the source with their changes applied
};

class ActionTest : public ::testing::TestWithParam<Language> {
protected:
  static void SetUpTestSuite() {
    auto rules = ruleset::loadRuleSet({});
    ASSERT_TRUE(rules.ok()) << rules.error().message;
    rules_ = new ruleset::RuleSet(std::move(rules).value());
  }
  static void TearDownTestSuite() {
    delete rules_;
    rules_ = nullptr;
  }

  Language language() const { return GetParam(); }
  bool python() const { return language() == Language::Python; }

  /// The language's built-in rule of `type` reporting `kind`, or null;
  /// the OpenAI SDK's own (`<lang>.client-construction`) before other
  /// SDKs' rules of the same shape.
  const ruleset::Rule *rule(ActionType type, FindingKind kind) const {
    const ruleset::Rule *found = nullptr;
    for (const ruleset::Rule *r : rules_->forLanguage(language()))
      if (r->action.type == type && r->kind == kind &&
          (!found || r->id.ends_with(".client-construction")))
        found = r;
    return found;
  }

  /// `source` matched by `rule` alone, its changes applied.
  Outcome run(const ruleset::Rule &rule, const std::string &source) const {
    auto engine = Engine::create(dialectFor(language()), {&rule}, kProxy);
    EXPECT_TRUE(engine.ok()) << (engine.ok() ? "" : engine.error().message);
    Outcome out;
    out.result = source;
    if (!engine.ok())
      return out;
    SourceFile file("example", source, language());
    out.findings = (*engine)->match(file, {&rule});
    std::vector<Edit> edits;
    for (const Finding &f : out.findings)
      if (f.change)
        edits.insert(edits.end(), f.change->edits.begin(),
                     f.change->edits.end());
    auto applied = applyEdits(source, edits);
    EXPECT_TRUE(applied.ok()) << source;
    if (applied.ok())
      out.result = *applied;
    return out;
  }

  /// The engine's verdict on its own output: a second run changes nothing.
  void expectStable(const ruleset::Rule &rule, const Outcome &first) const {
    Outcome second = run(rule, first.result);
    EXPECT_EQ(second.result, first.result) << "not idempotent";
  }

  static ruleset::RuleSet *rules_;
};

ruleset::RuleSet *ActionTest::rules_ = nullptr;

TEST_P(ActionTest, SetCallArgumentAddsBaseUrlAndKeyToABareClient) {
  const ruleset::Rule *r =
      rule(ActionType::SetCallArgument, FindingKind::ClientConstruction);
  ASSERT_NE(r, nullptr);
  const std::string source =
      python() ? "from openai import OpenAI\n\nclient = OpenAI(timeout=5)\n"
               : "import OpenAI from \"openai\";\n\n"
                 "const client = new OpenAI({ timeout: 5 });\n";
  Outcome o = run(*r, source);
  ASSERT_EQ(o.findings.size(), 1u) << o.result;
  EXPECT_EQ(o.findings[0].kind, FindingKind::ClientConstruction);
  if (python())
    // `import os` joins the file's imports, after the last one.
    EXPECT_EQ(o.result, "from openai import OpenAI\nimport os\n\n"
                        "client = OpenAI(timeout=5, "
                        "base_url=\"https://llm-proxy.example/v1\", "
                        "api_key=os.environ[\"LLM_PROXY_KEY\"])\n");
  else
    EXPECT_EQ(o.result, "import OpenAI from \"openai\";\n\n"
                        "const client = new OpenAI({ timeout: 5, "
                        "baseURL: \"https://llm-proxy.example/v1\", "
                        "apiKey: process.env.LLM_PROXY_KEY });\n");
  expectStable(*r, o);
}

TEST_P(ActionTest, SetCallArgumentLeavesAClientWithAnUnknownKeyForReview) {
  const ruleset::Rule *r =
      rule(ActionType::SetCallArgument, FindingKind::ClientConstruction);
  ASSERT_NE(r, nullptr);
  const std::string source =
      python() ? "from openai import OpenAI\nfrom vault import load\n\n"
                 "client = OpenAI(api_key=load())\n"
               : "import OpenAI from \"openai\";\nimport { load } from "
                 "\"./vault\";\n\nconst client = new OpenAI({ apiKey: load() "
                 "});\n";
  Outcome o = run(*r, source);
  ASSERT_EQ(o.findings.size(), 1u);
  EXPECT_EQ(o.findings[0].kind, FindingKind::NeedsReview);
  EXPECT_FALSE(o.findings[0].change.has_value());
  EXPECT_EQ(o.result, source);
}

TEST_P(ActionTest, RenameEnvVarRenamesTheKeyRead) {
  const ruleset::Rule *r =
      rule(ActionType::RenameEnvVar, FindingKind::EnvKeyRef);
  ASSERT_NE(r, nullptr);
  const std::string source =
      python() ? "import os\n\nkey = os.environ.get(\"OPENAI_API_KEY\")\n"
               : "const key = process.env.OPENAI_API_KEY;\n";
  Outcome o = run(*r, source);
  ASSERT_EQ(o.findings.size(), 1u);
  EXPECT_EQ(o.findings[0].flow_envs,
            std::vector<std::string>{"OPENAI_API_KEY"});
  EXPECT_EQ(o.result,
            python() ? "import os\n\nkey = os.environ.get(\"LLM_PROXY_KEY\")\n"
                     : "const key = process.env.LLM_PROXY_KEY;\n");
  expectStable(*r, o);
}

TEST_P(ActionTest, RenameEnvVarLeavesOtherVariablesAlone) {
  const ruleset::Rule *r =
      rule(ActionType::RenameEnvVar, FindingKind::EnvKeyRef);
  ASSERT_NE(r, nullptr);
  const std::string source =
      python()
          ? "import os\n\nkey = os.environ.get(\"MY_OPENAI_API_KEY_HELP\")\n"
          : "const key = process.env.MY_OPENAI_API_KEY_HELP;\n";
  Outcome o = run(*r, source);
  EXPECT_TRUE(o.findings.empty());
  EXPECT_EQ(o.result, source);
}

TEST_P(ActionTest, ReplaceUrlPrefixKeepsThePath) {
  const ruleset::Rule *r =
      rule(ActionType::ReplaceUrlPrefix, FindingKind::EndpointLiteral);
  ASSERT_NE(r, nullptr);
  const std::string source =
      python()
          ? "import requests\nMODELS = 'https://api.openai.com/v1/models'\n"
            "r = requests.get(MODELS)\n"
          : "const MODELS = 'https://api.openai.com/v1/models';\n"
            "fetch(MODELS);\n";
  Outcome o = run(*r, source);
  ASSERT_EQ(o.findings.size(), 1u);
  EXPECT_EQ(o.result,
            python() ? "import requests\nMODELS = "
                       "'https://llm-proxy.example/v1/models'\n"
                       "r = requests.get(MODELS)\n"
                     : "const MODELS = 'https://llm-proxy.example/v1/models';\n"
                       "fetch(MODELS);\n");
  expectStable(*r, o);
}

TEST_P(ActionTest, ReplaceUrlPrefixIgnoresHostsThatOnlyLookAlike) {
  const ruleset::Rule *r =
      rule(ActionType::ReplaceUrlPrefix, FindingKind::EndpointLiteral);
  ASSERT_NE(r, nullptr);
  const std::string source =
      python() ? "URL = 'https://api.openai.com.evil.example/v1'\n"
               : "const URL = 'https://api.openai.com.evil.example/v1';\n";
  Outcome o = run(*r, source);
  EXPECT_EQ(o.result, source);
}

TEST_P(ActionTest, ReplaceSecretWithEnvReadsTheProxyKeyAndNeverShowsTheKey) {
  const ruleset::Rule *r =
      rule(ActionType::ReplaceSecretWithEnv, FindingKind::HardcodedKey);
  ASSERT_NE(r, nullptr);
  const std::string key = testing::fakeOpenAiKey(testing::KeyShape::Project, 7);
  const std::string source = python() ? "API_KEY = \"" + key + "\"\n"
                                      : "const API_KEY = \"" + key + "\";\n";
  Outcome o = run(*r, source);
  ASSERT_EQ(o.findings.size(), 1u);
  const Finding &f = o.findings[0];
  ASSERT_TRUE(f.secret.has_value());
  EXPECT_EQ(f.before.find(key), std::string::npos) << "the key in clear";
  EXPECT_EQ(f.message.find(key), std::string::npos);
  EXPECT_EQ(o.result.find(key), std::string::npos);
  EXPECT_EQ(o.result,
            python() ? "import os\nAPI_KEY = os.environ[\"LLM_PROXY_KEY\"]\n"
                     : "const API_KEY = process.env.LLM_PROXY_KEY;\n");
  expectStable(*r, o);
}

/// Module-level configuration (`openai.api_key = ...`) exists in the
/// Python SDK only.
class PythonActionTest : public ActionTest {};

TEST_P(PythonActionTest, InsertAfterStatementPointsModuleConfigAtTheProxy) {
  const ruleset::Rule *r =
      rule(ActionType::InsertAfterStatement, FindingKind::ModuleConfig);
  ASSERT_NE(r, nullptr);
  const std::string source = "import os\nimport openai\n\n"
                             "openai.api_key = os.environ[\"LLM_PROXY_KEY\"]\n";
  Outcome o = run(*r, source);
  ASSERT_EQ(o.findings.size(), 1u);
  EXPECT_EQ(o.result, "import os\nimport openai\n\n"
                      "openai.api_key = os.environ[\"LLM_PROXY_KEY\"]\n"
                      "openai.base_url = \"https://llm-proxy.example/v1\"\n");
  expectStable(*r, o);
}

TEST_P(ActionTest, ReportOnlyReportsAndChangesNothing) {
  const ruleset::Rule *r = nullptr;
  for (const ruleset::Rule *c : rules_->forLanguage(language()))
    if (c->action.type == ActionType::ReportOnly &&
        c->id.find("azure") != std::string::npos)
      r = c;
  ASSERT_NE(r, nullptr);
  const std::string source =
      python() ? "from openai import AzureOpenAI\n\nclient = AzureOpenAI()\n"
               : "import { AzureOpenAI } from \"openai\";\n\n"
                 "const client = new AzureOpenAI();\n";
  Outcome o = run(*r, source);
  ASSERT_EQ(o.findings.size(), 1u);
  EXPECT_FALSE(o.findings[0].change.has_value());
  EXPECT_EQ(o.result, source);
}

TEST_P(ActionTest, RealtimeUrlIsReportedWhenTheProxyHasNoWebSocketForm) {
  const ruleset::Rule *r = nullptr;
  for (const ruleset::Rule *c : rules_->forLanguage(language()))
    if (c->id.ends_with("realtime-url"))
      r = c;
  ASSERT_NE(r, nullptr);
  // B that is not http(s): there is no wss:// or ws:// form to name.
  const ProxyTarget no_socket{"unix:///run/llm-gateway.sock", "LLM_PROXY_KEY",
                              ""};
  auto engine = Engine::create(dialectFor(language()), {r}, no_socket);
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  const std::string source =
      python() ? "import websockets\n\nws = websockets.connect("
                 "\"wss://api.openai.com/v1/realtime\")\n"
               : "const ws = new WebSocket(\"wss://api.openai.com/v1/"
                 "realtime\");\n";
  SourceFile file("example", source, language());
  std::vector<Finding> findings = (*engine)->match(file, {r});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::NeedsReview);
  EXPECT_FALSE(findings[0].change.has_value());
  EXPECT_NE(findings[0].message.find("no WebSocket form"), std::string::npos)
      << findings[0].message;
}

INSTANTIATE_TEST_SUITE_P(Python, PythonActionTest,
                         ::testing::Values(Language::Python));
INSTANTIATE_TEST_SUITE_P(EveryLanguage, ActionTest,
                         ::testing::Values(Language::Python,
                                           Language::JavaScript,
                                           Language::TypeScript, Language::Tsx),
                         [](const auto &info) {
                           return std::string(languageName(info.param));
                         });

} // namespace
} // namespace keyshift::ts
