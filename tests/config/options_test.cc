#include "config/options.h"
#include "test_support.h"

#include <gtest/gtest.h>

namespace keyshift::config {
namespace {

FileConfig fileWith(const std::string &json,
                    const std::string &path = "/repo/.keyshift.json") {
  auto config = parseConfig(json, path);
  EXPECT_TRUE(config.ok()) << config.error().message;
  return config.ok() ? *config : FileConfig{};
}

TEST(OptionsTest, PresetFillsTheProxy) {
  auto o = resolve(fileWith(R"({"proxy": {"preset": "openrouter"}})"), {},
                   testing::shippedPresets());
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->proxy.preset, "openrouter");
  EXPECT_EQ(o->proxy.base_url, "https://openrouter.ai/api/v1");
  EXPECT_EQ(o->proxy.key_env, "OPENROUTER_API_KEY");
  EXPECT_EQ(o->proxy.base_url_env, "");
  EXPECT_EQ(o->config_path, "/repo/.keyshift.json");
  EXPECT_EQ(o->config_dir, "/repo");
}

TEST(OptionsTest, PresetGivesModelNamingAndHeaders) {
  auto o = resolve(fileWith(R"({"proxy": {"preset": "openrouter"}})"), {},
                   testing::shippedPresets());
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->proxy.models.prefix, "openai/");
  EXPECT_FALSE(o->proxy.models.explicit_map);
  auto p = resolve(fileWith(R"({"proxy": {"preset": "portkey"}})"), {},
                   testing::shippedPresets());
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_EQ(p->proxy.headers.size(), 1u);
  EXPECT_EQ(p->proxy.headers[0].name, "x-portkey-provider");
  EXPECT_EQ(p->proxy.headers[0].env, "PORTKEY_PROVIDER");
  EXPECT_EQ(p->proxy.models.prefix, "");
}

TEST(OptionsTest, FileModelsBeatThePresetsEvenUnderAFlagPreset) {
  Overrides flags;
  flags.preset = "openrouter";
  auto o = resolve(fileWith(R"({"models": {"map": {"gpt-4o": "gpt4o-prod"}},
                   "proxy": {"preset": "litellm"}})"),
                   flags, testing::shippedPresets());
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->proxy.base_url, "https://openrouter.ai/api/v1");
  EXPECT_EQ(o->proxy.models.prefix, "");
  EXPECT_TRUE(o->proxy.models.explicit_map);
  EXPECT_EQ(o->proxy.models.map.at("gpt-4o"), "gpt4o-prod");
}

TEST(OptionsTest, DefaultsWithoutAFile) {
  Overrides flags;
  flags.preset = "litellm";
  auto o = resolve(std::nullopt, flags, testing::shippedPresets());
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->proxy.base_url, "http://localhost:4000/v1");
  EXPECT_EQ(o->include, (std::vector<std::string>{"**"}));
  EXPECT_TRUE(o->exclude.empty());
  EXPECT_TRUE(o->disable.empty());
  EXPECT_TRUE(o->extra.empty());
  EXPECT_FALSE(o->shim);
  EXPECT_EQ(o->baseline, "");
  EXPECT_EQ(o->max_file_size, 4u * 1024 * 1024);
  EXPECT_EQ(o->config_path, "");
  EXPECT_EQ(o->config_dir, "");
}

TEST(OptionsTest, ExplicitValuesBeatThePresetInTheSameLayer) {
  auto o = resolve(fileWith(R"({"proxy": {"preset": "openrouter",
                                          "key_env": "TEAM_KEY"}})"),
                   {}, testing::shippedPresets());
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->proxy.base_url, "https://openrouter.ai/api/v1");
  EXPECT_EQ(o->proxy.key_env, "TEAM_KEY");
}

TEST(OptionsTest, FlagPresetBeatsTheFilesExplicitProxy) {
  Overrides flags;
  flags.preset = "portkey";
  auto o = resolve(fileWith(R"({"proxy": {"base_url": "https://gw/v1",
                                          "key_env": "GW_KEY",
                                          "base_url_env": "GW_URL"}})"),
                   flags, testing::shippedPresets());
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->proxy.preset, "portkey");
  EXPECT_EQ(o->proxy.base_url, "https://api.portkey.ai/v1");
  EXPECT_EQ(o->proxy.key_env, "PORTKEY_API_KEY");
  // Presets carry no URL variable, so the file's stays.
  EXPECT_EQ(o->proxy.base_url_env, "GW_URL");
}

TEST(OptionsTest, FlagValuesBeatFileValues) {
  Overrides flags;
  flags.base_url = "https://flag.example/v1/";
  flags.include = std::vector<std::string>{"src/**"};
  flags.disable = std::vector<std::string>{"a.b"};
  flags.extra = std::vector<std::string>{"mine/*.json"};
  flags.shim = false;
  flags.max_file_size = 10;
  flags.baseline = "flag-baseline.json";
  auto o = resolve(fileWith(R"({"proxy": {"preset": "openrouter"},
                                "include": ["lib/**"],
                                "rules": {"disable": ["c.d"],
                                          "extra": ["team/*.json"]},
                                "shim": true, "max_file_size": 99,
                                "baseline": "b.json"})"),
                   flags, testing::shippedPresets());
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->proxy.base_url, "https://flag.example/v1"); // '/' dropped
  EXPECT_EQ(o->proxy.key_env, "OPENROUTER_API_KEY");
  EXPECT_EQ(o->include, (std::vector<std::string>{"src/**"}));
  EXPECT_EQ(o->disable, (std::vector<std::string>{"a.b"}));
  EXPECT_EQ(o->extra, (std::vector<std::string>{"mine/*.json"}));
  EXPECT_FALSE(o->shim);
  EXPECT_EQ(o->max_file_size, 10u);
  EXPECT_EQ(o->baseline, "flag-baseline.json");
}

TEST(OptionsTest, FilePathsAreRelativeToTheConfigDirectory) {
  auto o = resolve(fileWith(R"({"proxy": {"preset": "openrouter"},
                                "rules": {"extra": ["tools/r/*.json",
                                                    "/abs/x.json"]},
                                "baseline": "./.keyshift-baseline.json",
                                "cpp": {"compile_commands_dir": "../build",
                                        "include_dirs": ["inc", "/usr/inc"]}})",
                            "/work/repo/.keyshift.json"),
                   {}, testing::shippedPresets());
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->extra, (std::vector<std::string>{"/work/repo/tools/r/*.json",
                                                "/abs/x.json"}));
  EXPECT_EQ(o->baseline, "/work/repo/.keyshift-baseline.json");
  EXPECT_EQ(o->compile_commands_dir, "/work/build");
  EXPECT_EQ(o->include_dirs,
            (std::vector<std::string>{"/work/repo/inc", "/usr/inc"}));
}

TEST(OptionsTest, FlagErrorsNameTheFlag) {
  auto presets = testing::shippedPresets();
  Overrides bad_preset;
  bad_preset.preset = "openroute";
  EXPECT_EQ(resolve(std::nullopt, bad_preset, presets).error().message,
            "--preset: unknown preset 'openroute' (did you mean "
            "'openrouter'?)");

  Overrides bad_url;
  bad_url.preset = "openrouter";
  bad_url.base_url = "localhost:4000";
  EXPECT_EQ(resolve(std::nullopt, bad_url, presets).error().message,
            "--base-url: must be an http:// or https:// URL without quotes, "
            "backslashes, braces, '$' or whitespace, got "
            "'localhost:4000'");

  Overrides bad_env;
  bad_env.preset = "openrouter";
  bad_env.base_url_env = "GW URL";
  EXPECT_EQ(resolve(std::nullopt, bad_env, presets).error().message,
            "--base-url-env: 'GW URL' is not an environment variable name "
            "([A-Za-z_][A-Za-z0-9_]*)");

  Overrides zero;
  zero.preset = "openrouter";
  zero.max_file_size = 0;
  EXPECT_EQ(resolve(std::nullopt, zero, presets).error().message,
            "--max-file-size: must be a positive integer");
}

TEST(OptionsTest, ABaseUrlWithAQueryOrFragmentIsRefused) {
  // Paths are appended to the base URL: "https://gw/v1?a=1/models" is no
  // URL anyone meant.
  for (const char *url :
       {"https://gw.example/v1?team=a", "https://gw.example/v1#f",
        "https://gw.example/v1/?"}) {
    Overrides flags;
    flags.base_url = url;
    flags.key_env = "GW_KEY";
    auto o = resolve(std::nullopt, flags, testing::shippedPresets());
    ASSERT_FALSE(o.ok()) << url;
    EXPECT_EQ(o.error().code, ErrorCode::Config);
    EXPECT_EQ(o.error().message,
              "--base-url: must not have a ?query or #fragment (API paths "
              "are appended to it), got '" +
                  std::string(url) + "'");
  }
  auto file = fileWith(
      R"({"proxy": {"base_url": "https://gw.example/v1#x", "key_env": "K"}})");
  auto o = resolve(file, {}, testing::shippedPresets());
  ASSERT_FALSE(o.ok());
  EXPECT_NE(o.error().message.find("/repo/.keyshift.json: /proxy/base_url: "
                                   "must not have a ?query or #fragment"),
            std::string::npos)
      << o.error().message;
}

TEST(OptionsTest, NothingConfiguredExplainsHowToFix) {
  auto o = resolve(std::nullopt, {}, testing::shippedPresets());
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().code, ErrorCode::Config);
  EXPECT_EQ(o.error().message,
            "no proxy configured: set proxy.preset, or proxy.base_url and "
            "proxy.key_env, in .keyshift.json, or pass --preset, or "
            "--base-url and --key-env (`keyshift init` writes a starting "
            "config, `keyshift presets` lists the presets)");
}

TEST(OptionsTest, AProxyIsOptionalOnlyWhenAskedAndThenAllOrNothing) {
  auto none = resolve(fileWith(R"({"exclude": ["vendor/**"]})"), {},
                      testing::shippedPresets(), /*proxy_required=*/false);
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_EQ(none->proxy.base_url, "");
  EXPECT_EQ(none->exclude, (std::vector<std::string>{"vendor/**"}));
  auto half = resolve(fileWith(R"({"proxy": {"base_url": "https://gw/v1"}})"),
                      {}, testing::shippedPresets(), false);
  ASSERT_FALSE(half.ok());
  EXPECT_NE(half.error().message.find("key_env is missing"), std::string::npos);
}

TEST(OptionsTest, FlagsCompleteAFileProxy) {
  Overrides flags;
  flags.key_env = "GW_KEY";
  auto o = resolve(fileWith(R"({"proxy": {"base_url": "https://gw/v1"}})"),
                   flags, testing::shippedPresets());
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->proxy.base_url, "https://gw/v1");
  EXPECT_EQ(o->proxy.key_env, "GW_KEY");
  EXPECT_EQ(o->proxy.preset, "");
}

} // namespace
} // namespace keyshift::config
