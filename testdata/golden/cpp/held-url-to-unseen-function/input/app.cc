#include "net.h"
#include <cstdlib>
#include <string>

std::string adminGet(const std::string &url); // in libadmin, not parsed

std::string report() {
  std::string auth = std::string("Authorization: Bearer ") +
                     std::getenv("OPENAI_API_KEY");
  std::string chat = net::send("https://api.openai.com/v1/chat/completions",
                               auth, "{}");
  return chat + adminGet("https://api.openai.com/v1/organization/usage/completions");
}
