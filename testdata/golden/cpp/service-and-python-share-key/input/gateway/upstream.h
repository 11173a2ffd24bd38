#pragma once

#include <string>

namespace gateway {

/// Forwards a request body upstream with the caller's credentials.
class Upstream {
public:
  explicit Upstream(std::string token) : token_(std::move(token)) {}
  std::string post(const std::string &path, const std::string &body) const;

private:
  std::string token_;
};

} // namespace gateway
