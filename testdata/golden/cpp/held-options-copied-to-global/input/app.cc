#include "llm.h"
#include <cstdlib>

llm::Options g_options;

void init() {
  llm::Options options;
  options.base_url = "https://api.openai.com/v1";
  options.api_key = std::getenv("OPENAI_API_KEY");
  g_options = options;
}

llm::Client adminClient() {
  g_options.api_key = std::getenv("OPENAI_ADMIN_KEY");
  return llm::Client(g_options);
}
