// Shared bits of the config tests: repository files and scratch directories.
#ifndef KEYSHIFT_TESTS_CONFIG_TEST_SUPPORT_H_
#define KEYSHIFT_TESTS_CONFIG_TEST_SUPPORT_H_

#include "config/presets.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace keyshift::config::testing {

inline std::string readSourceFile(const std::string &relative) {
  std::ifstream in(std::string(KEYSHIFT_SOURCE_DIR) + "/" + relative,
                   std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The presets shipped in rules/proxies.json.
inline std::vector<Preset> shippedPresets() {
  auto presets =
      parsePresets(readSourceFile("rules/proxies.json"), "rules/proxies.json");
  EXPECT_TRUE(presets.ok()) << presets.error().message;
  return presets.ok() ? *presets : std::vector<Preset>{};
}

/// A directory under the system temp dir, removed with the object.
class ScratchDir {
public:
  ScratchDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("keyshift-config-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  ScratchDir(const ScratchDir &) = delete;
  ScratchDir &operator=(const ScratchDir &) = delete;

  const std::filesystem::path &path() const { return path_; }
  std::string str(const std::string &rel = "") const {
    return rel.empty() ? path_.string() : (path_ / rel).string();
  }
  void write(const std::string &rel, const std::string &text) const {
    auto p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  void mkdir(const std::string &rel) const {
    std::filesystem::create_directories(path_ / rel);
  }

private:
  std::filesystem::path path_;
};

} // namespace keyshift::config::testing

#endif // KEYSHIFT_TESTS_CONFIG_TEST_SUPPORT_H_
