#pragma once
#include <string>
inline constexpr const char *kKeyVar = "OPENAI_API_KEY";
std::string envOr(const char *name, const std::string &fallback);
