// How the repository plan finds the file a JS/TS relative import loads
// (driver/module_path.h), against a fixed set of repository files.
#include "driver/module_path.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace keyshift::driver {
namespace {

const std::set<std::string> kFiles{"src/config.ts",    "src/lib/openai.ts",
                                   "src/env/index.ts", "config/index.js",
                                   "legacy/keys.cjs",  "app/api/chat/route.ts",
                                   "src/settings.ts",  "src/settings/index.ts"};

std::optional<std::string> resolve(const std::string &from,
                                   std::string_view spec) {
  return resolveSpecifier(
      from, spec, [](const std::string &p) { return kFiles.count(p) > 0; });
}

TEST(ModulePath, TriesTheExtensionsABundlerTries) {
  EXPECT_EQ(resolve("src/llm.ts", "./config"), "src/config.ts");
  EXPECT_EQ(resolve("src/llm.ts", "./lib/openai"), "src/lib/openai.ts");
  EXPECT_EQ(resolve("legacy/app.js", "./keys"), "legacy/keys.cjs");
}

TEST(ModulePath, ADotJsSpecifierNamesTheTypeScriptSource) {
  EXPECT_EQ(resolve("src/lib/openai.ts", "../config.js"), "src/config.ts");
}

TEST(ModulePath, ADirectoryLoadsItsIndexFile) {
  EXPECT_EQ(resolve("services/llm.js", "../config"), "config/index.js");
  EXPECT_EQ(resolve("src/llm.ts", "./env"), "src/env/index.ts");
  EXPECT_EQ(resolve("services/llm.js", "../config/index.js"),
            "config/index.js");
}

TEST(ModulePath, AFileWinsOverADirectoryOfTheSameName) {
  EXPECT_EQ(resolve("src/llm.ts", "./settings"), "src/settings.ts");
}

TEST(ModulePath, ClimbsDirectoriesButNotOutOfTheRepository) {
  EXPECT_EQ(resolve("app/api/chat/route.ts", "../../../src/config"),
            "src/config.ts");
  EXPECT_EQ(resolve("src/llm.ts", "../../config"), std::nullopt);
}

TEST(ModulePath, AModuleTheRepositoryDoesNotHoldIsNotGuessed) {
  EXPECT_EQ(resolve("src/llm.ts", "./missing"), std::nullopt);
  EXPECT_EQ(resolve("src/llm.ts", "./config.json"), std::nullopt);
}

TEST(ModulePath, ModuleNamesAreDottedPaths) {
  EXPECT_EQ(moduleOf("src/config.ts"), "src.config");
  EXPECT_EQ(moduleOf("pkg/__init__.py"), "pkg");
  EXPECT_EQ(moduleOf("config/index.js"), "config.index");
  EXPECT_TRUE(isRelativeSpecifier("./config.config.apiKey"));
  EXPECT_TRUE(isRelativeSpecifier("../env.env.KEY"));
  EXPECT_FALSE(isRelativeSpecifier(".settings.KEY")); // Python's relative
  EXPECT_FALSE(isRelativeSpecifier("@/env.env.KEY"));
}

} // namespace
} // namespace keyshift::driver
