#include "config.h"
#include "net.h"
#include <cstdlib>
static std::string g_base;
void setBase(const std::string &u) { g_base = u; }
std::string usage() {
  return net::send(g_base + "/organization/usage/completions",
                   std::string("Authorization: Bearer ") +
                       std::getenv("OPENAI_ADMIN_KEY"),
                   "{}");
}
