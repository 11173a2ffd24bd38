#pragma once
#pragma GCC system_header
#include <string>
namespace sdk {
struct Request {
  void setUrl(const std::string &url);
  void addHeader(const std::string &h);
  std::string perform();
};
}
