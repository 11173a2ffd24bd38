#include "net.h"
#include <cstdlib>
#include <string>

struct Transport {
  virtual ~Transport() = default;
  virtual std::string post(const std::string &url) {
    return net::send(url,
                     std::string("Authorization: Bearer ") +
                         std::getenv("OPENAI_API_KEY"),
                     "{}");
  }
};
struct AdminTransport : Transport {
  std::string post(const std::string &url) override {
    return net::send(url,
                     std::string("Authorization: Bearer ") +
                         std::getenv("OPENAI_ADMIN_KEY"),
                     "{}");
  }
};

std::string usage(Transport &t) {
  return t.post("https://api.openai.com/v1/organization/usage/completions");
}

int main() {
  AdminTransport admin;
  usage(admin);
}
