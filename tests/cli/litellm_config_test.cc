// --litellm-config: the names a LiteLLM proxy serves decide which model
// names a migration maps and which it reports.
#include "cli/litellm_config.h"
#include "cli_fixture.h"
#include "support/files.h"

#include <gtest/gtest.h>

namespace keyshift::cli {
namespace {

using keyshift::testing::readText;
using keyshift::testing::writeText;
using testing::CliFixture;
using testing::Outcome;

constexpr const char *kConfig = R"(# LiteLLM proxy
model_list:
  - model_name: chat-small
    litellm_params:
      model: openai/gpt-4o-mini
      api_key: os.environ/OPENAI_API_KEY
  - model_name: "embed-small"
    litellm_params: { model: openai/text-embedding-3-small }
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
)";

TEST(LitellmConfigTest, ReadsEveryModelNameOnce) {
  auto served = parseLitellmServed(kConfig, "config.yaml");
  ASSERT_TRUE(served.ok()) << served.error().message;
  EXPECT_EQ(*served, (std::vector<std::string>{"chat-small", "embed-small"}));
  // Two deployments of one name (LiteLLM load-balances them): one name.
  auto twice = parseLitellmServed("model_list:\n"
                                  "  - model_name: chat\n"
                                  "    litellm_params: {model: a/x}\n"
                                  "  - model_name: chat\n"
                                  "    litellm_params: {model: b/x}\n",
                                  "config.yaml");
  ASSERT_TRUE(twice.ok()) << twice.error().message;
  EXPECT_EQ(*twice, (std::vector<std::string>{"chat"}));
}

TEST(LitellmConfigTest, BadFilesAreClearErrors) {
  auto none = parseLitellmServed("general_settings: {}\n", "c.yaml");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.find("c.yaml: no model_list[].model_name"),
            std::string::npos);
  auto broken = parseLitellmServed("model_list: [\n", "c.yaml");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("not valid YAML"), std::string::npos);
  auto missing = readLitellmServed("/nonexistent/config.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("cannot read the LiteLLM config"),
            std::string::npos);
}

class LitellmMigrateTest : public CliFixture {};

TEST_F(LitellmMigrateTest, MapsServedNamesAndReportsTheOneNotServed) {
  writeText(dir_ / "config.yaml", kConfig);
  writeText(dir_ / ".keyshift.json",
            R"({"proxy": {"preset": "litellm"},
                "models": {"map": {"gpt-4o-mini": "chat-small",
                                   "text-embedding-3-small": "embed-small",
                                   "gpt-4o": "gpt-4o"}}})");
  writeText(dir_ / "app.py",
            "import os\n"
            "from openai import OpenAI\n"
            "client = OpenAI(api_key=os.environ[\"OPENAI_API_KEY\"])\n"
            "a = client.chat.completions.create(model=\"gpt-4o-mini\", "
            "messages=[])\n"
            "e = client.embeddings.create(model=\"text-embedding-3-small\", "
            "input=[])\n"
            "b = client.chat.completions.create(model=\"gpt-4o\", "
            "messages=[])\n");
  Outcome r = run({"migrate", "--apply", "--litellm-config", "config.yaml",
                   "--audit-log", "audit.jsonl", "."});
  EXPECT_EQ(r.code, 0) << r.err;
  std::string app = readText(dir_ / "app.py");
  EXPECT_NE(app.find("model=\"chat-small\""), std::string::npos) << app;
  EXPECT_NE(app.find("model=\"embed-small\""), std::string::npos) << app;
  EXPECT_NE(app.find("model=\"gpt-4o\""), std::string::npos) << app;
  std::string audit = readText(dir_ / "audit.jsonl");
  EXPECT_NE(audit.find("the proxy does not serve 'gpt-4o'"), std::string::npos)
      << audit;

  Outcome bad = run({"migrate", "--litellm-config", "missing.yaml", "."});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("missing.yaml: cannot read the LiteLLM config"),
            std::string::npos)
      << bad.err;
}

} // namespace
} // namespace keyshift::cli
