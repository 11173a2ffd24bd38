#include "llm.h"
#include <cstdlib>

void useAdmin(llm::Options &o) { o.api_key = std::getenv("OPENAI_ADMIN_KEY"); }

llm::Client adminClient() {
  llm::Options options;
  options.base_url = "https://api.openai.com/v1";
  options.api_key = std::getenv("OPENAI_API_KEY");
  useAdmin(options);
  return llm::Client(options);
}
