// A scratch directory under $TMPDIR for tests that need a real disk (the
// RealFileSystem and git tests); removed with everything in it on scope exit.
#ifndef KEYSHIFT_TESTS_SCAN_TEMP_DIR_H_
#define KEYSHIFT_TESTS_SCAN_TEMP_DIR_H_

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

namespace keyshift::scan {

class TempDir {
public:
  TempDir() {
    const char *tmp = std::getenv("TMPDIR");
    std::string tmpl =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") +
        "/keyshift-scan-XXXXXX";
    char *made = ::mkdtemp(tmpl.data());
    path_ = made != nullptr ? std::filesystem::canonical(made).string() : "";
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  bool ok() const { return !path_.empty(); }
  /// Absolute and free of symbolic links (canonical).
  const std::string &path() const { return path_; }
  std::string operator/(const std::string &rel) const {
    return path_ + "/" + rel;
  }
  /// Creates parent directories as needed.
  void write(const std::string &rel, const std::string &bytes) const {
    std::filesystem::path p = path_ + "/" + rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
  }
  /// The names in the top directory, sorted (to see what a write left).
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto &e : std::filesystem::directory_iterator(path_))
      out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

private:
  std::string path_;
};

} // namespace keyshift::scan

#endif // KEYSHIFT_TESTS_SCAN_TEMP_DIR_H_
