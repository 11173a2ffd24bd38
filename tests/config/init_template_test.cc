#include "config/config_file.h"
#include "config/init_template.h"
#include "config/options.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace keyshift::config {
namespace {

TEST(InitTemplateTest, ParsesAndLeavesTheProxyToTheUser) {
  auto presets = testing::shippedPresets();
  std::string text = initTemplate(presets);
  auto config = parseConfig(text, ".keyshift.json");
  ASSERT_TRUE(config.ok()) << config.error().message << "\n" << text;
  EXPECT_FALSE(config->preset.has_value());
  EXPECT_EQ(config->include, (std::vector<std::string>{"**"}));
  EXPECT_EQ(config->exclude, std::vector<std::string>{});
  EXPECT_EQ(config->shim, false);
  EXPECT_EQ(config->max_file_size, 4u * 1024 * 1024);
  auto resolved = resolve(*config, {}, presets);
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().message.rfind(
                ".keyshift.json: no proxy configured: ", 0),
            0u)
      << resolved.error().message;
}

TEST(InitTemplateTest, ListsEveryPreset) {
  auto presets = testing::shippedPresets();
  std::string text = initTemplate(presets);
  EXPECT_NE(text.find("  //   openrouter  https://openrouter.ai/api/v1  "
                      "OPENROUTER_API_KEY\n"),
            std::string::npos)
      << text;
  for (const auto &p : presets)
    EXPECT_NE(text.find(p.key_env), std::string::npos) << p.name;
}

TEST(InitTemplateTest, ChosenPresetRoundTripsToTheSameOptions) {
  auto presets = testing::shippedPresets();
  auto config =
      parseConfig(initTemplate(presets, "litellm"), "/repo/.keyshift.json");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->preset, "litellm");
  auto from_template = resolve(*config, {}, presets);
  ASSERT_TRUE(from_template.ok()) << from_template.error().message;

  Overrides flags;
  flags.preset = "litellm";
  auto from_flags = resolve(std::nullopt, flags, presets);
  ASSERT_TRUE(from_flags.ok());
  EXPECT_EQ(from_template->proxy.base_url, from_flags->proxy.base_url);
  EXPECT_EQ(from_template->proxy.key_env, from_flags->proxy.key_env);
  EXPECT_EQ(from_template->include, from_flags->include);
  EXPECT_EQ(from_template->exclude, from_flags->exclude);
  EXPECT_EQ(from_template->disable, from_flags->disable);
  EXPECT_EQ(from_template->extra, from_flags->extra);
  EXPECT_EQ(from_template->shim, from_flags->shim);
  EXPECT_EQ(from_template->max_file_size, from_flags->max_file_size);
  EXPECT_EQ(from_template->include_dirs, from_flags->include_dirs);
}

struct Uncommented {
  std::string text, line;
};

/// The template with its index-th commented JSON line ("// \"key\": ...")
/// uncommented, or nullopt when it has fewer such lines.
std::optional<Uncommented> uncommentLine(const std::string &text,
                                         std::size_t index) {
  std::size_t seen = 0, start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::size_t indent = text.find_first_not_of(' ', start);
    if (text.compare(indent, 4, "// \"") == 0 && seen++ == index)
      return Uncommented{text.substr(0, indent) + text.substr(indent + 3),
                         text.substr(indent + 3, end - indent - 3)};
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return std::nullopt;
}

TEST(InitTemplateTest, StaysValidWhicheverSingleLineIsUncommented) {
  auto presets = testing::shippedPresets();
  for (std::string preset : {"", "litellm"}) {
    std::string text = initTemplate(presets, preset);
    std::size_t lines = 0;
    while (auto edited = uncommentLine(text, lines)) {
      ++lines;
      auto config = parseConfig(edited->text, ".keyshift.json");
      ASSERT_TRUE(config.ok()) << config.error().message << "\n"
                               << edited->text;
      // A proxy line configures a proxy on its own.
      bool proxy_line = edited->line.find("\"preset\"") == 0 ||
                        edited->line.find("\"base_url\"") == 0;
      EXPECT_EQ(resolve(*config, {}, presets).ok(),
                proxy_line || !preset.empty())
          << edited->line;
    }
    // preset, two base_url choices (one fewer with a preset chosen), two
    // models choices, baseline, compile_commands_dir.
    EXPECT_EQ(lines, preset.empty() ? 7u : 6u) << text;
  }
}

} // namespace
} // namespace keyshift::config
