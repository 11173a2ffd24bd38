// FileSystem over POSIX calls. Stateless, so one instance can be shared by
// every worker thread.
#ifndef KEYSHIFT_SCAN_REAL_FILE_SYSTEM_H_
#define KEYSHIFT_SCAN_REAL_FILE_SYSTEM_H_

#include "scan/file_system.h"

namespace keyshift::scan {

class RealFileSystem final : public FileSystem {
public:
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
  Result<std::string> realPath(const std::string &path) const override;
};

} // namespace keyshift::scan

#endif // KEYSHIFT_SCAN_REAL_FILE_SYSTEM_H_
