// Service configuration shared by every TU of the assistant service.
#pragma once

#include <string>

namespace assistant {

inline constexpr const char *kApiBase = "https://api.openai.com/v1";
inline constexpr long kTimeoutSeconds = 30;

/// The API key, from the environment (keys.cc).
std::string apiKey();

} // namespace assistant
