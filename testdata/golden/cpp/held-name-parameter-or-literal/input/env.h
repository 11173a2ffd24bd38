#pragma once
#include <string>
inline constexpr const char *kKeyVar = "OPENAI_API_KEY";
std::string keyFor(const char *name, bool admin);
