// Reading the repository's files from tests, wherever the build directory is.
#ifndef KEYSHIFT_TESTS_RULESET_TEST_FILES_H_
#define KEYSHIFT_TESTS_RULESET_TEST_FILES_H_

#include <fstream>
#include <sstream>
#include <string>

namespace keyshift::ruleset::testing {

inline std::string sourcePath(const std::string &relative) {
  return std::string(KEYSHIFT_SOURCE_DIR) + "/" + relative;
}

/// The file's bytes, or "" when it cannot be read (tests then fail on it).
inline std::string readSourceFile(const std::string &relative) {
  std::ifstream in(sourcePath(relative), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace keyshift::ruleset::testing

#endif // KEYSHIFT_TESTS_RULESET_TEST_FILES_H_
