// FileSystem over POSIX calls. Stateless, so one instance can be shared by
// every worker thread.
#ifndef KEYSHIFT_SCAN_REAL_FILE_SYSTEM_H_
#define KEYSHIFT_SCAN_REAL_FILE_SYSTEM_H_

#include "scan/file_system.h"

#include <functional>

namespace keyshift::scan {

/// The points of a write where a test may step in (docs/RELIABILITY.md).
enum class WriteStep {
  TempCreated, ///< the temporary file exists, empty
  DataWritten, ///< the bytes are in it
  Synced,      ///< fsync done; the content check and the rename are next
  Renamed,     ///< the file is replaced
};

/// Test-only fault hook: called at each step of every write with the path
/// being written; returning an errno value (ENOSPC, EROFS, ...) fails the
/// write there as that error would, cleaning up like any failure. A test
/// may also end the process from it, to see what a kill leaves behind.
using WriteObserver = std::function<int(WriteStep, const std::string &path)>;

class RealFileSystem final : public FileSystem {
public:
  RealFileSystem() = default;
  explicit RealFileSystem(WriteObserver observer)
      : observer_(std::move(observer)) {}

  Result<FileStat> lstat(const std::string &path) const override;
  Result<FileStat> stat(const std::string &path) const override;
  Result<std::string> readLink(const std::string &path) const override;
  Result<std::vector<std::string>>
  listDir(const std::string &dir) const override;
  Result<std::string> readFile(const std::string &path) const override;
  Result<std::vector<DirEntry>>
  listTypedDir(const std::string &dir) const override;
  Result<SizedRead> readFileUpTo(const std::string &path,
                                 std::uint64_t max_size) const override;
  Result<void> writeAtomically(const std::string &path,
                               std::string_view bytes) override;
  Result<void> replaceFile(const std::string &path, std::string_view expected,
                           std::string_view bytes) override;
  Result<std::vector<std::string>>
  removeStaleTemporaries(const std::string &dir) override;
  Result<std::string> realPath(const std::string &path) const override;

private:
  WriteObserver observer_;
};

} // namespace keyshift::scan

#endif // KEYSHIFT_SCAN_REAL_FILE_SYSTEM_H_
