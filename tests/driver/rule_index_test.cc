// RuleIndex: a rule is a candidate when one of its trigger sets occurs
// whole; a rule that moves a hard-coded key also needs a key in the text.
#include "driver/rule_index.h"
#include "support/fake_key.h"

#include <gtest/gtest.h>

namespace keyshift::driver {
namespace {

ruleset::Rule rule(std::string id, ruleset::ActionType action,
                   std::vector<std::vector<std::string>> sets) {
  ruleset::Rule r;
  r.id = std::move(id);
  r.language = Language::Python;
  r.action.type = action;
  for (const auto &set : sets)
    r.triggers.push_back(set.front());
  r.trigger_sets = std::move(sets);
  return r;
}

std::vector<std::string> ids(const std::vector<const ruleset::Rule *> &rules) {
  std::vector<std::string> out;
  for (const ruleset::Rule *r : rules)
    out.push_back(r->id);
  return out;
}

class RuleIndexTest : public ::testing::Test {
protected:
  RuleIndexTest()
      : set_({rule("client", ruleset::ActionType::SetCallArgument,
                   {{"OpenAI", "openai"}}),
              rule("either", ruleset::ActionType::ReportOnly,
                   {{"alpha"}, {"beta", "gamma"}}),
              rule("key", ruleset::ActionType::ReplaceSecretWithEnv,
                   {{"sk-"}})}) {}
  ruleset::RuleSet set_;
};

TEST_F(RuleIndexTest, EveryLiteralOfASetIsNeeded) {
  RuleIndex index(set_);
  EXPECT_TRUE(index.candidates(Language::Python, "class OpenAI: pass").empty())
      << "OpenAI without the module's name cannot resolve to openai.OpenAI";
  EXPECT_EQ(ids(index.candidates(Language::Python,
                                 "from openai import OpenAI\nOpenAI()\n")),
            std::vector<std::string>{"client"});
  EXPECT_TRUE(index.candidates(Language::Python, "beta only").empty());
  EXPECT_EQ(ids(index.candidates(Language::Python, "gamma, beta")),
            std::vector<std::string>{"either"});
  EXPECT_EQ(ids(index.candidates(Language::Python, "alpha")),
            std::vector<std::string>{"either"});
  EXPECT_TRUE(index.candidates(Language::JavaScript, "alpha").empty());
}

TEST_F(RuleIndexTest, KeyRulesNeedAKeyNotJustItsPrefix) {
  RuleIndex index(set_);
  EXPECT_TRUE(
      index.candidates(Language::Python, "Q = \"task-queue\"\n").empty());
  EXPECT_TRUE(
      index.candidates(Language::Python, "K = \"sk-your-key-here\"\n").empty());
  std::string key = testing::substituteFakeKeys(
      std::string(testing::kFakeProjectKeyToken), 3);
  EXPECT_EQ(ids(index.candidates(Language::Python, "K = \"" + key + "\"\n")),
            std::vector<std::string>{"key"});
}

TEST(RuleIndexCppTest, AKeySplitIntoAdjacentLiteralsIsStillAKey) {
  ruleset::Rule key =
      rule("cpp-key", ruleset::ActionType::ReplaceSecretWithEnv, {{"sk-"}});
  key.language = Language::Cpp;
  ruleset::RuleSet set({key});
  RuleIndex index(set);
  // A header tree's `task-` and `Mask-` hold "sk-" but no key: not parsed.
  EXPECT_TRUE(index
                  .candidates(Language::Cpp, "#define NL_TASK \"task-stats\"\n"
                                             "enum { Mask-1 };\n")
                  .empty());
  // Clang joins "sk-proj-ab" "cd...": so does the check.
  std::string k = testing::substituteFakeKeys(
      std::string(testing::kFakeProjectKeyToken), 5);
  std::string split = "const char *k = \"" + k.substr(0, 12) + "\"\n    \"" +
                      k.substr(12) + "\";\n";
  EXPECT_EQ(ids(index.candidates(Language::Cpp, split)),
            std::vector<std::string>{"cpp-key"});
  EXPECT_EQ(
      ids(index.candidates(Language::Cpp, "const char *k = \"" + k + "\";\n")),
      std::vector<std::string>{"cpp-key"});
  // A key Clang assembles through a macro: the bytes never hold it whole.
  EXPECT_EQ(
      ids(index.candidates(Language::Cpp, "#define KEY_HEAD \"sk-proj-\"\n"
                                          "const char *k = KEY_HEAD \"" +
                                              k.substr(8) + "\";\n")),
      std::vector<std::string>{"cpp-key"});
  EXPECT_EQ(ids(index.candidates(Language::Cpp,
                                 "const char *k = \"sk-proj-\" KEY_TAIL;\n")),
            std::vector<std::string>{"cpp-key"});
}

TEST_F(RuleIndexTest, EveryRuleTakesEveryRuleOfTheLanguage) {
  RuleIndex index(set_, /*every_rule=*/true);
  EXPECT_EQ(ids(index.candidates(Language::Python, "")),
            (std::vector<std::string>{"client", "either", "key"}));
}

} // namespace
} // namespace keyshift::driver
