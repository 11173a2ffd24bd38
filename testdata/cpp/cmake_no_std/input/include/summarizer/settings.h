// Settings read once at start-up. C++17 throughout (std::optional,
// std::string_view, inline variables, nested namespaces): under Clang 14's
// default of C++14 none of this parses.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace summarizer::settings {

inline constexpr std::string_view kApiBase = "https://api.openai.com/v1";

struct Settings {
  std::string api_key;
  std::string api_base;
  int max_tokens = 512;
};

std::optional<Settings> fromEnvironment();

} // namespace summarizer::settings
