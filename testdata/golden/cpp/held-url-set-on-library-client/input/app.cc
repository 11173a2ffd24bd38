#include "oai.h"
#include <cstdlib>

std::string usage() {
  oai::Client c;
  c.set_base_url("https://api.openai.com/v1");
  c.set_api_key(std::getenv("OPENAI_ADMIN_KEY"));
  return c.chat("{}");
}
