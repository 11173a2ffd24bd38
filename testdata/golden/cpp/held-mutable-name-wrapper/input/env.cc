#include "env.h"
#include <cstdlib>
std::string envOr(const char *name, const std::string &fallback) {
  const char *v = std::getenv(name);
  return v ? v : fallback;
}
