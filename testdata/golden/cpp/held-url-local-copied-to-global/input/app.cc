#include "net.h"
#include <cstdlib>
#include <string>

static std::string g_base;

std::string usage() {
  std::string auth = std::string("Authorization: Bearer ") +
                     std::getenv("OPENAI_ADMIN_KEY");
  return net::send(g_base + "/organization/usage/completions", auth, "{}");
}

int main() {
  std::string u = "https://api.openai.com/v1";
  g_base = u;
  usage();
}
