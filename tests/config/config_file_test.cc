#include "config/config_file.h"
#include "config/options.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace keyshift::config {
namespace {

using testing::ScratchDir;

TEST(ConfigFileTest, NumberOverflowIsAConfigErrorNotACrash) {
  // Found by tests/fuzz/config_fuzzer.cc: nlohmann throws out_of_range.
  auto c = parseConfig("{\"max_file_size\": 1e999}", ".keyshift.json");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, ErrorCode::Config);
  EXPECT_EQ(c.error().message,
            ".keyshift.json: invalid JSON: number overflow parsing '1e999'");
}

TEST(ConfigFileTest, TrailingCommaIsNamedAndPointedAt) {
  // The error used to point at the '}' with "expected string literal".
  auto object = parseConfig("{\n  \"shim\": false,  // note, \"x\"\n}\n",
                            ".keyshift.json");
  ASSERT_FALSE(object.ok());
  EXPECT_EQ(object.error().code, ErrorCode::Config);
  EXPECT_EQ(object.error().message,
            ".keyshift.json:2:16: invalid JSON: trailing comma before '}' "
            "(JSON allows none): delete it");

  auto array = parseConfig("{\"include\": [\"a,\", /* b */ ]}", "c.json");
  ASSERT_FALSE(array.ok());
  EXPECT_EQ(array.error().message,
            "c.json:1:18: invalid JSON: trailing comma before ']' (JSON "
            "allows none): delete it");
}

TEST(ConfigFileTest, MissingValueAfterACommaIsNotCalledATrailingComma) {
  auto c = parseConfig("{\"include\": [\"a\", :]}", "c.json");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().message.find("trailing comma"), std::string::npos)
      << c.error().message;
}

TEST(ConfigFileTest, ParsesEveryKeyWithComments) {
  auto config = parseConfig(R"(// team settings
{
  "proxy": {"preset": "litellm", "base_url": "https://gw/v1",
            "key_env": "GW_KEY", "base_url_env": "GW_URL"},
  "include": ["src/**"], "exclude": ["third_party/**"],
  /* rules */
  "rules": {"disable": ["python.module-config"], "extra": ["r/*.json"]},
  "shim": true,
  "include_docs": true,
  "baseline": ".keyshift-baseline.json",
  "cpp": {"compile_commands_dir": "build", "include_dirs": ["inc"]},
  "max_file_size": 1024
})",
                            "repo/.keyshift.json");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->path, "repo/.keyshift.json");
  EXPECT_EQ(config->preset, "litellm");
  EXPECT_EQ(config->base_url, "https://gw/v1");
  EXPECT_EQ(config->key_env, "GW_KEY");
  EXPECT_EQ(config->base_url_env, "GW_URL");
  EXPECT_EQ(config->include, (std::vector<std::string>{"src/**"}));
  EXPECT_EQ(config->exclude, (std::vector<std::string>{"third_party/**"}));
  EXPECT_EQ(config->disable,
            (std::vector<std::string>{"python.module-config"}));
  EXPECT_EQ(config->extra, (std::vector<std::string>{"r/*.json"}));
  EXPECT_EQ(config->shim, true);
  EXPECT_EQ(config->include_docs, true);
  EXPECT_EQ(config->baseline, ".keyshift-baseline.json");
  EXPECT_EQ(config->compile_commands_dir, "build");
  EXPECT_EQ(config->include_dirs, (std::vector<std::string>{"inc"}));
  EXPECT_EQ(config->max_file_size, 1024u);
}

TEST(ConfigFileTest, AbsentKeysStayUnset) {
  auto config = parseConfig("{}", ".keyshift.json");
  ASSERT_TRUE(config.ok());
  EXPECT_FALSE(config->preset || config->base_url || config->key_env ||
               config->base_url_env || config->include || config->exclude ||
               config->disable || config->extra || config->shim ||
               config->include_docs || config->baseline ||
               config->compile_commands_dir || config->include_dirs ||
               config->max_file_size);
}

// testdata/config/<case>/.keyshift.json fails parsing or resolving (with
// the shipped presets and no flags) with exactly <case>/expected.err.
// KEYSHIFT_UPDATE_GOLDEN=1 rewrites expected.err; review the diff.
TEST(ConfigFileTest, BadConfigsFailWithTheExpectedMessage) {
  namespace fs = std::filesystem;
  auto presets = testing::shippedPresets();
  std::vector<std::string> cases;
  for (const auto &entry : fs::directory_iterator(
           std::string(KEYSHIFT_SOURCE_DIR) + "/testdata/config"))
    if (entry.is_directory())
      cases.push_back(entry.path().filename().string());
  std::sort(cases.begin(), cases.end());
  ASSERT_GE(cases.size(), 15u);
  bool update = std::getenv("KEYSHIFT_UPDATE_GOLDEN") != nullptr;
  for (const auto &name : cases) {
    SCOPED_TRACE(name);
    std::string dir = "testdata/config/" + name;
    std::string path = dir + "/.keyshift.json";
    auto parsed = parseConfig(testing::readSourceFile(path), path);
    Error error;
    if (!parsed.ok()) {
      error = parsed.error();
    } else {
      auto resolved = resolve(*parsed, Overrides{}, presets);
      ASSERT_FALSE(resolved.ok()) << "accepted";
      error = resolved.error();
    }
    EXPECT_EQ(error.code, ErrorCode::Config);
    if (update) {
      std::ofstream(std::string(KEYSHIFT_SOURCE_DIR) + "/" + dir +
                    "/expected.err")
          << error.message << "\n";
      continue;
    }
    std::string expected = testing::readSourceFile(dir + "/expected.err");
    ASSERT_FALSE(expected.empty()) << "missing expected.err";
    if (expected.back() == '\n')
      expected.pop_back();
    EXPECT_EQ(error.message, expected);
  }
}

TEST(ConfigFileTest, LoadConfigReportsAnUnreadableFile) {
  ScratchDir dir;
  auto config = loadConfig(dir.str("missing.json"));
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code, ErrorCode::Io);
  EXPECT_EQ(config.error().message,
            dir.str("missing.json") + ": cannot read config file");
}

TEST(FindConfigTest, FindsTheNearestFileWalkingUp) {
  ScratchDir repo;
  repo.mkdir(".git");
  repo.write(".keyshift.json", R"({"shim": false})");
  repo.write("svc/.keyshift.json", R"({"shim": true})");
  repo.mkdir("svc/src/deep");
  repo.mkdir("web/src");

  auto nested = findConfig(repo.str("svc/src/deep"));
  ASSERT_TRUE(nested.ok()) << nested.error().message;
  ASSERT_TRUE(nested->has_value());
  EXPECT_EQ((*nested)->path, repo.str("svc/.keyshift.json"));
  EXPECT_EQ((*nested)->shim, true);

  auto sibling = findConfig(repo.str("web/src"));
  ASSERT_TRUE(sibling.ok()) << sibling.error().message;
  ASSERT_TRUE(sibling->has_value());
  EXPECT_EQ((*sibling)->path, repo.str(".keyshift.json"));

  auto at_root = findConfig(repo.str());
  ASSERT_TRUE(at_root.ok());
  ASSERT_TRUE(at_root->has_value());
  EXPECT_EQ((*at_root)->path, repo.str(".keyshift.json"));
}

TEST(FindConfigTest, StopsAtTheDirectoryHoldingGit) {
  ScratchDir outer;
  // A config above the repository root belongs to something else.
  outer.write(".keyshift.json", R"({"shim": true})");
  outer.mkdir("repo/.git");
  outer.mkdir("repo/src");
  auto found = findConfig(outer.str("repo/src"));
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_FALSE(found->has_value());
}

TEST(FindConfigTest, GitFileMarksTheRootToo) {
  ScratchDir outer;
  outer.write(".keyshift.json", R"({"shim": true})");
  outer.write("worktree/.git", "gitdir: /elsewhere\n");
  outer.mkdir("worktree/src");
  auto found = findConfig(outer.str("worktree/src"));
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

TEST(FindConfigTest, ParseErrorsAreReported) {
  ScratchDir repo;
  repo.mkdir(".git");
  repo.write(".keyshift.json", "{\"shim\": 1}");
  auto found = findConfig(repo.str());
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().message,
            repo.str(".keyshift.json") + ": /shim: must be a boolean");
}

TEST(FindConfigTest, TrailingSlashAndDotsAreNormalized) {
  ScratchDir repo;
  repo.mkdir(".git");
  repo.mkdir("a/b");
  repo.write("a/.keyshift.json", "{}");
  auto found = findConfig(repo.str("a/b/../b/"));
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->path, repo.str("a/.keyshift.json"));
}

} // namespace
} // namespace keyshift::config
