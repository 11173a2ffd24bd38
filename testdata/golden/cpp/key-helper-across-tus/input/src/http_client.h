#pragma once

#include <string>

namespace assistant {

class HttpClient {
public:
  explicit HttpClient(std::string key);
  std::string complete(const std::string &body);

private:
  std::string key_;
};

} // namespace assistant
