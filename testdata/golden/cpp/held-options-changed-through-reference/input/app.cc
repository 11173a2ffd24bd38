#include "llm.h"
#include <cstdlib>

llm::Client adminClient(bool admin) {
  llm::Options options;
  llm::Options &o = options;
  options.base_url = "https://api.openai.com/v1";
  options.api_key = std::getenv("OPENAI_API_KEY");
  if (admin)
    o.api_key = std::getenv("OPENAI_ADMIN_KEY");
  return llm::Client(options);
}
