#include "oai.h"
#include <cstdlib>

std::string usage() {
  oai::Options o{"https://api.openai.com/v1", std::getenv("OPENAI_ADMIN_KEY")};
  oai::Client c(o);
  return c.chat("{}");
}
std::string usage2() {
  oai::Client c({.base_url = "https://api.openai.com/v1/organization",
                 .api_key = std::getenv("OPENAI_ADMIN_KEY")});
  return c.chat("{}");
}
