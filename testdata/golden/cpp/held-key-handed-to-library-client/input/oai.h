#pragma once
#pragma GCC system_header
#include <string>
namespace oai {
class Client {
public:
  void set_base_url(const std::string &u);
  void set_api_key(const std::string &k);
  std::string chat(const std::string &b);
};
}
