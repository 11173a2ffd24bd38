#include "ruleset/embedded_rules.h"
#include "ruleset/rule_set.h"
#include "test_files.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace keyshift::ruleset {
namespace {

using testing::readSourceFile;
using testing::sourcePath;

TEST(EmbeddedRulesTest, ProxiesAreTheFileVerbatim) {
  EXPECT_EQ(builtinProxiesJson(), readSourceFile("rules/proxies.json"));
}

TEST(EmbeddedRulesTest, EveryRuleFileIsEmbeddedVerbatim) {
  namespace fs = std::filesystem;
  std::vector<std::string> on_disk;
  for (const auto &lang : fs::directory_iterator(sourcePath("rules"))) {
    if (!lang.is_directory())
      continue;
    for (const auto &file : fs::directory_iterator(lang.path()))
      if (file.path().extension() == ".json")
        on_disk.push_back("rules/" + lang.path().filename().string() + "/" +
                          file.path().filename().string());
  }
  std::sort(on_disk.begin(), on_disk.end());

  std::vector<std::string> embedded;
  for (const auto &file : builtinRuleFiles()) {
    embedded.emplace_back(file.path);
    EXPECT_EQ(file.content, readSourceFile(std::string(file.path)))
        << file.path;
  }
  // A mismatch means the build is stale: re-run cmake --build.
  EXPECT_EQ(embedded, on_disk);
}

TEST(EmbeddedRulesTest, BuiltinRulesLoad) {
  auto set = loadRuleSet(LoadOptions{});
  ASSERT_TRUE(set.ok()) << set.error().message;
  // One rule per file, or one per language of a file for several.
  std::size_t expected = 0;
  for (const auto &file : builtinRuleFiles()) {
    auto rules = parseRules(file.content, file.path, RuleOrigin::Builtin);
    ASSERT_TRUE(rules.ok()) << rules.error().message;
    expected += rules->size();
  }
  EXPECT_EQ(set->rules().size(), expected);
  EXPECT_GT(set->rules().size(), builtinRuleFiles().size());
  for (const auto &rule : set->rules())
    EXPECT_EQ(rule.source.rfind("rules/", 0), 0u) << rule.source;
}

} // namespace
} // namespace keyshift::ruleset
