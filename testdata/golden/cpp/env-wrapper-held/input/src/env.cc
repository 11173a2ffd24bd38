#include "env.h"

#include <cstdlib>
#include <fstream>

namespace reports {

std::string envOr(const char *name, const std::string &fallback) {
  const char *value = std::getenv(name);
  return value != nullptr ? value : fallback;
}

std::string firstLine(const std::string &path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

} // namespace reports
