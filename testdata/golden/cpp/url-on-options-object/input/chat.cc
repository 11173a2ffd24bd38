// The URL set on the options goes to the proxy with the key set there.
#include "llm.h"

#include <cstdlib>

llm::Client chatClient() {
  llm::Options options;
  const char *key = std::getenv("OPENAI_API_KEY");
  options.base_url = "https://api.openai.com/v1";
  options.api_key = key ? key : "";
  return llm::Client(options);
}
