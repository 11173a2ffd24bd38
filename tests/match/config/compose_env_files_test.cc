#include "match/config/yaml_format.h"

#include <gtest/gtest.h>

namespace keyshift::config {
namespace {

using Paths = std::vector<std::string>;

TEST(ComposeEnvFilesTest, EveryComposeSpelling) {
  EXPECT_EQ(
      composeEnvFiles("services:\n  bot:\n    env_file: config/bot.vars\n"),
      Paths{"config/bot.vars"});
  EXPECT_EQ(composeEnvFiles("    env_file: [a.vars, \"b c.vars\"]  # two\n"),
            (Paths{"a.vars", "b c.vars"}));
  EXPECT_EQ(composeEnvFiles("services:\n"
                            "  bot:\n"
                            "    env_file:\n"
                            "      - ./common.vars   # shared\n"
                            "      - path: ./local.vars\n"
                            "        required: false\n"
                            "    image: bot\n"
                            "    environment:\n"
                            "      - A=1\n"),
            (Paths{"./common.vars", "./local.vars"}));
  // Dashes at the key's own indentation, as many files write them.
  EXPECT_EQ(composeEnvFiles("    env_file:\n    - one.vars\n    ports: []\n"),
            Paths{"one.vars"});
}

TEST(ComposeEnvFilesTest, InterpolatedAndOtherKeysAreLeftOut) {
  EXPECT_TRUE(composeEnvFiles("env_file: ${CONFIG_DIR}/bot.vars\n").empty());
  EXPECT_TRUE(composeEnvFiles("my_env_file: x.vars\n").empty());
  EXPECT_TRUE(composeEnvFiles("# env_file: x.vars\n").empty());
  // A value that only looks like the key in a block scalar is no key.
  EXPECT_TRUE(
      composeEnvFiles("run: |\n  env_file: x.vars\n  echo done\n").empty());
}

TEST(ComposeEnvFilesTest, AnchorsAndQuotesAsYamlReadsThem) {
  EXPECT_EQ(composeEnvFiles(
                "x-common: &common\n"
                "  env_file: 'shared.vars'\n"
                "services:\n"
                "  bot:\n"
                "    <<: *common\n"
                "    env_file: [{path: \"bot.vars\", required: false}]\n"),
            (Paths{"shared.vars", "bot.vars"}));
}

} // namespace
} // namespace keyshift::config
