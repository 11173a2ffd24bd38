#include "config/presets.h"
#include "test_support.h"

#include <gtest/gtest.h>

namespace keyshift::config {
namespace {

TEST(PresetsTest, ShippedPresetsAreSortedWithTheirUrlsAndKeys) {
  std::vector<Preset> presets = testing::shippedPresets();
  ASSERT_EQ(presets.size(), 4u);
  EXPECT_EQ(presets[0].name, "holysheep");
  EXPECT_EQ(presets[0].base_url, "https://api.holysheep.ai/v1");
  EXPECT_EQ(presets[0].key_env, "HOLYSHEEP_API_KEY");
  EXPECT_EQ(presets[1].name, "litellm");
  EXPECT_EQ(presets[1].base_url, "http://localhost:4000/v1");
  EXPECT_EQ(presets[1].key_env, "LITELLM_API_KEY");
  EXPECT_EQ(presets[2].name, "openrouter");
  EXPECT_EQ(presets[2].base_url, "https://openrouter.ai/api/v1");
  EXPECT_EQ(presets[2].key_env, "OPENROUTER_API_KEY");
  EXPECT_EQ(presets[3].name, "portkey");
  EXPECT_EQ(presets[3].base_url, "https://api.portkey.ai/v1");
  EXPECT_EQ(presets[3].key_env, "PORTKEY_API_KEY");
  for (const auto &p : presets) {
    EXPECT_FALSE(p.description.empty()) << p.name;
    EXPECT_EQ(p.docs_url.rfind("https://", 0), 0u) << p.name;
  }
}

TEST(PresetsTest, DocsUrlIsOptional) {
  auto presets = parsePresets(
      R"({"presets": {"gw": {"base_url": "https://gw/v1", "key_env": "K",
                             "description": "d"}}})",
      "p.json");
  ASSERT_TRUE(presets.ok()) << presets.error().message;
  ASSERT_EQ(presets->size(), 1u);
  EXPECT_EQ((*presets)[0].docs_url, "");
}

TEST(PresetsTest, ErrorsNameTheFileAndPointer) {
  auto check = [](const std::string &json, const std::string &expected) {
    auto presets = parsePresets(json, "p.json");
    ASSERT_FALSE(presets.ok()) << json;
    EXPECT_EQ(presets.error().code, ErrorCode::Config);
    EXPECT_EQ(presets.error().message, expected);
  };
  check(R"({"preset": {}})",
        "p.json: /preset: unknown key 'preset' (did you mean 'presets'?)");
  check(R"({"presets": {"gw": {"base_url": "gw/v1", "key_env": "K",
                               "description": "d"}}})",
        "p.json: /presets/gw/base_url: must be an http:// or https:// URL");
  check(R"({"presets": {"gw": {"base_url": "https://gw", "key_env": "A B",
                               "description": "d"}}})",
        "p.json: /presets/gw/key_env: must be an environment variable name");
  check(R"({"presets": {"gw": {"base_url": "https://gw", "key_env": "K"}}})",
        "p.json: /presets/gw/description: missing required key");
  check(R"({"presets": {"gw": {"base_url": "https://gw", "key_env": "K",
                               "description": "d", "doc_url": "x"}}})",
        "p.json: /presets/gw/doc_url: unknown key 'doc_url' (did you mean "
        "'docs_url'?)");
  check(R"({"presets": {"My GW": {}}})",
        "p.json: /presets/My GW: preset names use lower-case letters, "
        "digits and '-'");
  check("{\n  \"presets\": \n}",
        "p.json:3:1: invalid JSON: syntax error while parsing value - "
        "unexpected '}'; expected '[', '{', or a literal");
}

TEST(PresetsTest, EnvNamesAndUrls) {
  EXPECT_TRUE(isValidEnvName("OPENAI_API_KEY"));
  EXPECT_TRUE(isValidEnvName("_k1"));
  EXPECT_FALSE(isValidEnvName(""));
  EXPECT_FALSE(isValidEnvName("1KEY"));
  EXPECT_FALSE(isValidEnvName("MY-KEY"));
  EXPECT_TRUE(isHttpUrl("http://localhost:4000/v1"));
  EXPECT_TRUE(isHttpUrl("https://gw.example"));
  EXPECT_FALSE(isHttpUrl("https://"));
  EXPECT_FALSE(isHttpUrl("https:///v1"));
  EXPECT_FALSE(isHttpUrl("ftp://gw.example"));
  EXPECT_FALSE(isHttpUrl("https://gw.example/v 1"));
}

} // namespace
} // namespace keyshift::config
