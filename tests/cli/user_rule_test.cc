// A user's rule whose tree-sitter query does not compile is a configuration
// error (exit 2, naming the file and /query) before any file is reported,
// although built-in queries are compiled only on the first file of their
// language (ts::QueryCompile).
#include "cli/cli_fixture.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <string>

namespace keyshift::cli {
namespace {

using keyshift::testing::writeText;
using testing::CliTest;
using testing::Outcome;

/// A JavaScript rule: the files checked are Python, so the rule's own
/// language is never met, and still its query must be compiled up front.
std::string ruleWithQuery(const std::string &query) {
  return R"({"id": "javascript.user-rule", "language": "javascript",
             "kind": "client-construction", "severity": "warning",
             "message": "m", "triggers": ["OpenAI"], "query": ")" +
         query + R"(", "action": {"type": "report-only"}})";
}

class UserRuleTest : public CliTest {
protected:
  void SetUp() override {
    CliTest::SetUp();
    // A file with a finding of the built-in rules: nothing of it may be
    // printed before the error.
    writeText(dir_ / "app.py",
              "from openai import OpenAI\nclient = OpenAI()\n");
  }
  void expectConfigError(const Outcome &r) {
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("bad.json: /query"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("app.py"), std::string::npos) << r.err;
  }
};

TEST_F(UserRuleTest, UnknownNodeTypeFromTheRulesFlag) {
  writeText(dir_ / "bad.json", ruleWithQuery("(no_such_node) @c"));
  expectConfigError(run({"check", "--rules", "bad.json", "app.py"}));
  expectConfigError(run({"audit", "--rules", "bad.json", "."}));
}

TEST_F(UserRuleTest, UnbalancedQueryFromTheConfigFile) {
  writeText(dir_ / "bad.json", ruleWithQuery("(new_expression @c"));
  writeText(dir_ / ".keyshift.json",
            R"({"proxy": {"base_url": "https://gw.example/v1",
                          "key_env": "GW_KEY"},
                "rules": {"extra": ["bad.json"]}})");
  expectConfigError(run({"check", "app.py"}));
  expectConfigError(run({"migrate", "."}));
}

TEST_F(UserRuleTest, AGoodUserRuleRunsBesideTheLazyBuiltins) {
  writeText(dir_ / "app.js",
            "import OpenAI from 'openai';\nconst c = new OpenAI();\n");
  writeText(dir_ / "good.json", ruleWithQuery("(new_expression) @c"));
  Outcome r = run({"audit", "--rules", "good.json", "."});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("[javascript.user-rule]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[javascript.client-construction]"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[python.client-construction]"), std::string::npos)
      << r.out;
}

} // namespace
} // namespace keyshift::cli
