#include "sdk.h"
#include <cstdlib>
#include <string>

void authorize(sdk::Request &r) {
  r.addHeader(std::string("Authorization: Bearer ") +
              std::getenv("OPENAI_ADMIN_KEY"));
}

std::string usage() {
  sdk::Request r;
  authorize(r);
  r.setUrl("https://api.openai.com/v1/organization/usage/completions");
  return r.perform();
}
