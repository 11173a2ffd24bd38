#include "driver/env_file_targets.h"

#include <gtest/gtest.h>

namespace keyshift::driver {
namespace {

using Paths = std::vector<std::string>;

TEST(EnvFileTargetsTest, EveryComposeSpelling) {
  EXPECT_EQ(
      envFileTargets("services:\n  bot:\n    env_file: config/bot.vars\n"),
      Paths{"config/bot.vars"});
  EXPECT_EQ(envFileTargets("    env_file: [a.vars, \"b c.vars\"]  # two\n"),
            (Paths{"a.vars", "b c.vars"}));
  EXPECT_EQ(envFileTargets("services:\n"
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
  EXPECT_EQ(envFileTargets("    env_file:\n    - one.vars\n    ports: []\n"),
            Paths{"one.vars"});
}

TEST(EnvFileTargetsTest, InterpolatedAndOtherKeysAreLeftOut) {
  EXPECT_TRUE(envFileTargets("env_file: ${CONFIG_DIR}/bot.vars\n").empty());
  EXPECT_TRUE(envFileTargets("my_env_file: x.vars\n").empty());
  EXPECT_TRUE(envFileTargets("# env_file: x.vars\n").empty());
}

} // namespace
} // namespace keyshift::driver
