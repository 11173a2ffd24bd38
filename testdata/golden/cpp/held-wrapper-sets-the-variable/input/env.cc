#include "env.h"
#include <cstdlib>
#include <fstream>
// Falls back to a key file: it is put into the environment for child processes.
std::string envOr(const char *name, const std::string &fallback) {
  if (!std::getenv(name)) {
    std::ifstream in(fallback);
    std::string line;
    std::getline(in, line);
    setenv(name, line.c_str(), 1);
  }
  return std::getenv(name);
}
