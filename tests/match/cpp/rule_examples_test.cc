// Every rules/cpp rule's own examples (tests.valid / tests.invalid), run
// through the engine as `keyshift test-rules` would: B and K as in
// testing::exampleProxy(), fake keys substituted at run time.
#include "match/cpp/cpp_engine.h"
#include "tests/match/cpp/cpp_test_util.h"
#include "tests/support/fake_key.h"

#include <gtest/gtest.h>

namespace keyshift::cpp {
namespace {

constexpr std::uint64_t kSeed = 42;

class RuleExamplesTest : public ::testing::TestWithParam<std::string> {};

std::vector<Finding> findingsOf(const RunResult &r, const std::string &id) {
  std::vector<Finding> out;
  for (const FileFindings &f : r.files)
    for (const Finding &finding : f.findings)
      if (finding.rule_id == id)
        out.push_back(finding);
  return out;
}

TEST_P(RuleExamplesTest, ValidExamplesProduceNoFinding) {
  const ruleset::Rule *rule = testing::builtinRule(GetParam());
  ASSERT_NE(rule, nullptr);
  ASSERT_FALSE(rule->valid.empty());
  for (const ruleset::RuleExample &example : rule->valid) {
    const std::string &input = example.input;
    testing::TempDir dir;
    std::string file = dir.write(
        "example.cc", keyshift::testing::substituteFakeKeys(input, kSeed));
    Result<RunResult> r =
        runRules({rule}, {file}, testing::optionsFor(dir.path()));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->errors.empty()) << input << r->errors.front().second;
    EXPECT_TRUE(findingsOf(*r, rule->id).empty()) << input;
  }
}

TEST_P(RuleExamplesTest, InvalidExamplesProduceTheirOutput) {
  const ruleset::Rule *rule = testing::builtinRule(GetParam());
  ASSERT_NE(rule, nullptr);
  ASSERT_FALSE(rule->invalid.empty());
  for (const ruleset::RuleExample &example : rule->invalid) {
    testing::TempDir dir;
    std::string input =
        keyshift::testing::substituteFakeKeys(example.input, kSeed);
    std::string file = dir.write("example.cc", input);
    Result<RunResult> r =
        runRules({rule}, {file}, testing::optionsFor(dir.path()));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->errors.empty()) << input << r->errors.front().second;
    EXPECT_FALSE(findingsOf(*r, rule->id).empty()) << input;
    std::map<std::string, std::string> changed = testing::applyChanges(*r);
    std::string expected =
        example.output
            ? keyshift::testing::substituteFakeKeys(*example.output, kSeed)
            : input;
    std::string actual = changed.count(file) ? changed[file] : input;
    EXPECT_EQ(actual, expected) << "input:\n" << input;
  }
}

std::vector<std::string> ruleIds() {
  std::vector<std::string> ids;
  for (const ruleset::Rule &r : testing::builtinRules())
    ids.push_back(r.id);
  return ids;
}

std::string testName(const ::testing::TestParamInfo<std::string> &info) {
  std::string name;
  for (char c : info.param)
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(BuiltinCppRules, RuleExamplesTest,
                         ::testing::ValuesIn(ruleIds()), testName);

} // namespace
} // namespace keyshift::cpp
