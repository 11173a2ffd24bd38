// An in-memory FileSystem for tests (ninja's VirtualFileSystem): files,
// directories and symbolic links live in a map, permission failures are
// injected with setUnreadable, and reads and writes are recorded so tests can
// assert what the code under test touched.
#ifndef KEYSHIFT_SCAN_MEMORY_FILE_SYSTEM_H_
#define KEYSHIFT_SCAN_MEMORY_FILE_SYSTEM_H_

#include "scan/file_system.h"

#include <map>
#include <mutex>

namespace keyshift::scan {

class MemoryFileSystem final : public FileSystem {
public:
  MemoryFileSystem();

  /// Paths are absolute; missing parent directories are created. Adding over
  /// an existing entry replaces it.
  void addFile(const std::string &path, std::string bytes,
               std::uint32_t mode = 0644);
  void addSymlink(const std::string &path, std::string target);
  void addDir(const std::string &path);
  /// readFile and listDir on `path` then fail with "Permission denied".
  void setUnreadable(const std::string &path);

  /// Paths passed to readFile / writeAtomically / replaceFile, in call
  /// order.
  std::vector<std::string> filesRead() const;
  std::vector<std::string> filesWritten() const;

  Result<FileStat> lstat(const std::string &path) const override;
  Result<FileStat> stat(const std::string &path) const override;
  Result<std::string> readLink(const std::string &path) const override;
  Result<std::vector<std::string>>
  listDir(const std::string &dir) const override;
  Result<std::string> readFile(const std::string &path) const override;
  Result<void> writeAtomically(const std::string &path,
                               std::string_view bytes) override;
  /// Checks the content and the type as RealFileSystem does; it has no
  /// hard links.
  Result<void> replaceFile(const std::string &path, std::string_view expected,
                           std::string_view bytes) override;
  /// Removes stale keyshift temporaries as RealFileSystem does (any owner).
  Result<std::vector<std::string>>
  removeStaleTemporaries(const std::string &dir) override;
  Result<std::string> realPath(const std::string &path) const override;

private:
  struct Node {
    FileStat::Type type = FileStat::Type::File;
    std::string bytes; ///< file content, or the link target
    std::uint32_t mode = 0644;
    bool unreadable = false;
  };
  /// The canonical path `p` leads to, following links on the way (and the
  /// final one when `follow_last`); errno-style code on failure.
  struct Resolved {
    std::string path;
    int err = 0;
  };
  Resolved resolve(const std::string &p, bool follow_last) const;
  void addNode(const std::string &path, Node node);
  Result<FileStat> statImpl(const std::string &path, bool follow) const;

  mutable std::mutex mu_; ///< FileSystem promises thread safety
  std::map<std::string, Node> nodes_;
  mutable std::vector<std::string> files_read_;
  std::vector<std::string> files_written_;
};

} // namespace keyshift::scan

#endif // KEYSHIFT_SCAN_MEMORY_FILE_SYSTEM_H_
