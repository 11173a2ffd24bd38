// Settings read from the environment.
#pragma once

#include <string>

namespace reports {

inline constexpr const char *kKeyVar = "OPENAI_API_KEY";

/// The value of environment variable `name`, or `fallback` when unset.
std::string envOr(const char *name, const std::string &fallback);

} // namespace reports
