#include "net.h"
#include <cstdlib>
#include <string>

struct Vault {
  void load(std::string &out) { out = std::getenv("OPENAI_ADMIN_KEY"); }
};

std::string usage() {
  std::string key = std::getenv("OPENAI_API_KEY");
  Vault vault;
  vault.load(key);
  return net::send("https://api.openai.com/v1/organization/usage/completions",
                   "Authorization: Bearer " + key, "{}");
}
