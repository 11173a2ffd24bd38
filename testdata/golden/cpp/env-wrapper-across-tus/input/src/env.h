// Settings read from the environment, with defaults.
#pragma once

#include <string>

namespace chat {

inline constexpr const char *kKeyVar = "OPENAI_API_KEY";
inline constexpr const char *kBaseVar = "OPENAI_BASE_URL";

/// The value of environment variable `name`, or `fallback` when unset.
std::string envOr(const char *name, const std::string &fallback);

/// The API key: envOr(kKeyVar), required.
std::string apiKey();

} // namespace chat
