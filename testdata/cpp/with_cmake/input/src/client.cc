#include "chatdemo/config.h"

#include <cstdlib>
#include <string>

namespace chatdemo {

std::string chatEndpoint() {
  return std::string(CHATDEMO_API_ROOT) + "/v1/chat/completions";
}

std::string modelsEndpoint() { return R"(https://api.openai.com/v1/models)"; }

std::string embeddingsEndpoint() {
  return "https://api.openai.com/v1"
         "/embeddings";
}

std::string filesEndpoint() {
  // Split mid-host: keyshift cannot move this one on its own.
  return "https://api."
         "openai.com/v1/files";
}

const char *apiKey() { return std::getenv(kKeyVariable); }

const char *baseUrl() { return std::getenv(kBaseVariable); }

} // namespace chatdemo
