// rules/schema.json and the RawRule parser describe the same format twice;
// these tests fail when one gains or loses a key the other lacks.
#include "ruleset/raw_rule.h"
#include "ruleset/rule.h"
#include "test_files.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace keyshift::ruleset {
namespace {

using nlohmann::json;

json schema() {
  return json::parse(testing::readSourceFile("rules/schema.json"));
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::string> propertyKeys(const json &object_schema) {
  std::vector<std::string> keys;
  for (const auto &[key, value] : object_schema.at("properties").items())
    keys.push_back(key);
  return sorted(keys);
}

TEST(SchemaSyncTest, RuleKeysMatch) {
  json s = schema();
  EXPECT_EQ(propertyKeys(s), sorted(rawRuleKeys()));
  EXPECT_EQ(s.at("additionalProperties"), false);
}

TEST(SchemaSyncTest, NestedObjectKeysMatch) {
  json defs = schema().at("$defs");
  EXPECT_EQ(propertyKeys(defs.at("constraint")), sorted(rawConstraintKeys()));
  EXPECT_EQ(propertyKeys(defs.at("action")), sorted(rawActionKeys()));
  EXPECT_EQ(propertyKeys(defs.at("tests")), sorted(rawTestsKeys()));
  EXPECT_EQ(propertyKeys(defs.at("example")), sorted(rawExampleKeys()));
  for (const char *def : {"constraint", "action", "tests", "example"})
    EXPECT_EQ(defs.at(def).at("additionalProperties"), false) << def;
}

TEST(SchemaSyncTest, NestedObjectsAreReferencedWhereTheParserExpectsThem) {
  json s = schema();
  EXPECT_EQ(s.at("properties").at("action").at("$ref"), "#/$defs/action");
  EXPECT_EQ(s.at("properties").at("tests").at("$ref"), "#/$defs/tests");
  EXPECT_EQ(
      s.at("properties").at("where").at("additionalProperties").at("$ref"),
      "#/$defs/constraint");
  EXPECT_EQ(s.at("$defs")
                .at("tests")
                .at("properties")
                .at("invalid")
                .at("items")
                .at("$ref"),
            "#/$defs/example");
}

TEST(SchemaSyncTest, EnumsMatchTheCompiler) {
  json s = schema();
  std::vector<std::string> kinds = s.at("properties").at("kind").at("enum");
  EXPECT_EQ(sorted(kinds), sorted(ruleKinds()));

  std::vector<std::string> actions =
      s.at("$defs").at("action").at("properties").at("type").at("enum");
  std::vector<std::string> compiled;
  for (ActionType t :
       {ActionType::SetCallArgument, ActionType::RenameEnvVar,
        ActionType::ReplaceUrlPrefix, ActionType::ReplaceSecretWithEnv,
        ActionType::InsertAfterStatement, ActionType::ReportOnly,
        ActionType::SetModelName, ActionType::SetBodyModelName})
    compiled.emplace_back(actionTypeName(t));
  EXPECT_EQ(sorted(actions), sorted(compiled));

  std::vector<std::string> languages =
      s.at("properties").at("language").at("enum");
  for (const auto &name : languages)
    EXPECT_TRUE(languageFromName(name).has_value()) << name;
  EXPECT_EQ(languages.size(), 11u);

  std::vector<std::string> severities =
      s.at("properties").at("severity").at("enum");
  for (const auto &name : severities)
    EXPECT_TRUE(severityFromName(name).has_value()) << name;
  EXPECT_EQ(severities.size(), 3u);
}

} // namespace
} // namespace keyshift::ruleset
