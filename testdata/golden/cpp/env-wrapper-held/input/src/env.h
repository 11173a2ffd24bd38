// Environment and file settings of the reporting service.
#pragma once

#include <string>

namespace reports {

inline constexpr const char *kKeyVar = "OPENAI_API_KEY";

/// The value of environment variable `name`, or `fallback` when unset.
std::string envOr(const char *name, const std::string &fallback);

/// The first line of the file at `path` ("" when it cannot be read).
std::string firstLine(const std::string &path);

} // namespace reports
