// Settings read from the environment (keyshift's C++ end-to-end test of
// a wrapper defined in another TU: tests/match/cpp/e2e_libcurl_test.cc).
#pragma once

#include <string>

inline constexpr const char *kKeyVar = "OPENAI_API_KEY";
inline constexpr const char *kBaseVar = "OPENAI_BASE_URL";

/// The value of environment variable `name`, or `fallback` when unset.
std::string envOr(const char *name, const std::string &fallback);
