#include "chatdemo/config.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace chatdemo {
std::string chatEndpoint();
const char *apiKey();
} // namespace chatdemo

static const char *kFallbackKey = std::getenv("LLM_PROXY_KEY");

int main() {
  const char *key = std::getenv("LLM_PROXY_KEY");
  if (key == nullptr)
    key = kFallbackKey;
  std::printf("%s %zu\n", chatdemo::chatEndpoint().c_str(),
              std::string(key).size());
  return 0;
}
