#include "net.h"
#include <cstdlib>
#include <string>

class Client {
public:
  explicit Client(const char *key) : key_(key ? key : "") {}
  void setBaseUrl(const std::string &u) { base_ = u; }
  std::string post(const std::string &path, const std::string &body) {
    return net::send(base_ + path, "Authorization: Bearer " + key_, body);
  }

private:
  std::string base_;
  std::string key_;
};

std::string usage() {
  Client c(std::getenv("OPENAI_ADMIN_KEY"));
  c.setBaseUrl("https://api.openai.com/v1");
  return c.post("/organization/usage/completions", "{}");
}
