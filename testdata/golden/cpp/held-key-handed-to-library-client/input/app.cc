#include "oai.h"
#include <cstdlib>

std::string chat() {
  oai::Client c;  // the library's default base URL is api.openai.com
  c.set_api_key(std::getenv("OPENAI_API_KEY"));
  return c.chat("{}");
}
