#include "ruleset/rule_set.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace keyshift::ruleset {
namespace {
namespace fs = std::filesystem;

std::string ruleJson(const std::string &id, const std::string &language) {
  return R"({"id": ")" + id + R"(", "language": ")" + language +
         R"(", "kind": "endpoint-literal", "severity": "warning",
         "message": "m", "triggers": ["api.openai.com"],
         "query": "(string) @s", "action": {"type": "report-only"}})";
}

/// A scratch directory of rule files, removed afterwards.
class RuleSetTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() /
           ("keyshift-ruleset-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string &rel, const std::string &text) {
    fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  LoadOptions userOnly(std::vector<std::string> extra) {
    LoadOptions o;
    o.builtin = false;
    o.extra = std::move(extra);
    o.base_dir = dir_.string();
    return o;
  }

  fs::path dir_;
};

TEST_F(RuleSetTest, LoadsExtraFilesSortedById) {
  write("b.json", ruleJson("python.zeta", "python"));
  write("a.json", ruleJson("js.alpha", "javascript"));
  write("c.json", ruleJson("python.beta", "python"));
  auto set = loadRuleSet(userOnly({"b.json", "a.json", "c.json"}));
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->ids(), (std::vector<std::string>{"js.alpha", "python.beta",
                                                  "python.zeta"}));
  auto python = set->forLanguage(Language::Python);
  ASSERT_EQ(python.size(), 2u);
  EXPECT_EQ(python[0]->id, "python.beta");
  EXPECT_EQ(python[1]->id, "python.zeta");
  EXPECT_TRUE(set->forLanguage(Language::Cpp).empty());
  ASSERT_NE(set->find("js.alpha"), nullptr);
  EXPECT_EQ(set->find("js.alpha")->source, "a.json");
  EXPECT_EQ(set->find("js.alph"), nullptr);
}

TEST_F(RuleSetTest, GlobsMatchWithinAndAcrossDirectories) {
  write("rules/one.json", ruleJson("python.one", "python"));
  write("rules/sub/two.json", ruleJson("python.two", "python"));
  write("rules/sub/deeper/three.json", ruleJson("python.three", "python"));
  write("rules/notes.txt", "not a rule");

  auto flat = expandRulePattern("rules/*.json", dir_.string());
  ASSERT_TRUE(flat.ok()) << flat.error().message;
  EXPECT_EQ(*flat, (std::vector<std::string>{"rules/one.json"}));

  auto deep = expandRulePattern("rules/**/*.json", dir_.string());
  ASSERT_TRUE(deep.ok()) << deep.error().message;
  EXPECT_EQ(*deep, (std::vector<std::string>{"rules/one.json",
                                             "rules/sub/deeper/three.json",
                                             "rules/sub/two.json"}));

  auto set = loadRuleSet(userOnly({"rules/**/t*.json"}));
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->ids(),
            (std::vector<std::string>{"python.three", "python.two"}));
  EXPECT_EQ(set->find("python.two")->source, "rules/sub/two.json");
}

TEST_F(RuleSetTest, AbsoluteGlobIgnoresBaseDir) {
  write("r/x.json", ruleJson("python.x", "python"));
  auto files = expandRulePattern(dir_.string() + "/r/*.json", "/nonexistent");
  ASSERT_TRUE(files.ok()) << files.error().message;
  EXPECT_EQ(*files, (std::vector<std::string>{dir_.string() + "/r/x.json"}));
}

TEST_F(RuleSetTest, GlobMatchingNothingIsAnError) {
  auto set = loadRuleSet(userOnly({"rules/*.json"}));
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().code, ErrorCode::Config);
  EXPECT_EQ(set.error().message,
            "rules.extra: 'rules/*.json' matches no files");
}

TEST_F(RuleSetTest, MissingFileIsAConfigError) {
  auto set = loadRuleSet(userOnly({"missing.json"}));
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().code, ErrorCode::Config);
  EXPECT_EQ(set.error().message, "missing.json: cannot read rule file");
}

TEST_F(RuleSetTest, DuplicateIdNamesBothFiles) {
  write("a.json", ruleJson("python.same", "python"));
  write("b.json", ruleJson("python.same", "python"));
  auto set = loadRuleSet(userOnly({"a.json", "b.json"}));
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().message, "b.json: /id: duplicate rule id "
                                 "'python.same' (also defined in a.json)");
}

TEST_F(RuleSetTest, EveryBadFileIsReportedOnItsOwnLine) {
  write("a.json", "{");
  write("b.json", ruleJson("python.good", "python"));
  write("c.json", ruleJson("python.bad", "pyhton"));
  auto set = loadRuleSet(userOnly({"*.json"}));
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().message,
            "a.json:1:2: invalid JSON: syntax error while parsing object key "
            "- unexpected end of input; expected string literal\n"
            "c.json: /language: unknown language 'pyhton' (did you mean "
            "'python'?)");
}

TEST_F(RuleSetTest, DisableRemovesRules) {
  write("a.json", ruleJson("python.keep", "python"));
  write("b.json", ruleJson("python.drop", "python"));
  auto options = userOnly({"a.json", "b.json"});
  options.disable = {"python.drop", "python.drop"};
  auto set = loadRuleSet(options);
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->ids(), (std::vector<std::string>{"python.keep"}));
}

TEST_F(RuleSetTest, DisablingAnUnknownIdSuggestsOne) {
  write("a.json", ruleJson("python.client-construction", "python"));
  auto options = userOnly({"a.json"});
  options.disable = {"python.client-constructon", "nothing.close"};
  auto set = loadRuleSet(options);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().code, ErrorCode::Config);
  EXPECT_EQ(set.error().message,
            "rules.disable: unknown rule id 'python.client-constructon' (did "
            "you mean 'python.client-construction'?)\n"
            "rules.disable: unknown rule id 'nothing.close'");
}

TEST(RuleSetClassTest, SortsRulesGivenDirectly) {
  Rule b;
  b.id = "b.x";
  Rule a;
  a.id = "a.x";
  RuleSet set({b, a});
  EXPECT_EQ(set.ids(), (std::vector<std::string>{"a.x", "b.x"}));
  EXPECT_EQ(set.find("b.x"), &set.rules()[1]);
}

} // namespace
} // namespace keyshift::ruleset
