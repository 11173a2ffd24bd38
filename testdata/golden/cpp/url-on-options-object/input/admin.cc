#include "llm.h"

#include <cstdlib>

// The admin key goes with this one: it stays.
llm::Client adminClient() {
  llm::Options admin;
  admin.base_url = "https://api.openai.com/v1/organization";
  admin.api_key = std::getenv("OPENAI_ADMIN_KEY");
  return llm::Client(admin);
}
