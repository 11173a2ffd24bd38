// Reading and writing whole files in tests, bytes exactly.
#ifndef KEYSHIFT_TESTS_SUPPORT_FILES_H_
#define KEYSHIFT_TESTS_SUPPORT_FILES_H_

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace keyshift::testing {

inline std::string readText(const std::filesystem::path &p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Creates the parent directories as needed.
inline void writeText(const std::filesystem::path &p, const std::string &text) {
  if (p.has_parent_path())
    std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
}

} // namespace keyshift::testing

#endif // KEYSHIFT_TESTS_SUPPORT_FILES_H_
