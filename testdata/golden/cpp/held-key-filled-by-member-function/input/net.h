#pragma once
#pragma GCC system_header
#include <string>
namespace net {
std::string send(const std::string &url, const std::string &header,
                 const std::string &body);
}
