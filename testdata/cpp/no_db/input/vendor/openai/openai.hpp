// Test stand-in declaring openai-cpp's (olrea/openai-cpp) entry point with
// its real signature; the library itself is not needed to parse callers.
#pragma once
#include <cstdlib>
#include <string>

namespace openai {
class OpenAI {};
OpenAI &start(const std::string &token = "",
              const std::string &organization = "",
              bool throw_exception = true,
              const std::string &api_base_url = "");
} // namespace openai
