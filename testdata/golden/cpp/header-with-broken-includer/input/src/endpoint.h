// Defaults every tool of the repository compiles in.
#pragma once

#include <cstdlib>
#include <string>

namespace tools {

inline std::string baseUrl() {
  const char *url = std::getenv("OPENAI_BASE_URL");
  return url ? url : "https://api.openai.com/v1";
}

} // namespace tools
