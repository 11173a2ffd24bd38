// A call deeper: apiKey() reads through envOr(), defined in env.cc.
#include "env.h"

#include <stdexcept>

namespace chat {

std::string apiKey() {
  std::string key = envOr(kKeyVar, "");
  if (key.empty())
    throw std::runtime_error(std::string(kKeyVar) + " is not set");
  return key;
}

} // namespace chat
