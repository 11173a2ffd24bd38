#include "net.h"
#include <cstdlib>
#include <string>

static std::string g_base;

void setBase(const std::string &u) { g_base = u; }

std::string usage() {
  std::string auth = std::string("Authorization: Bearer ") +
                     std::getenv("OPENAI_ADMIN_KEY");
  return net::send(g_base + "/organization/usage/completions", auth, "{}");
}

int main() {
  setBase("https://api.openai.com/v1");
  usage();
}
