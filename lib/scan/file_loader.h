// A walked file -> its SourceFile, or the reason it is passed over. The size
// comes from stat before any byte is read, so a 2 GB log never enters memory;
// binary files are recognised by a NUL byte near the start, as git and rg do.
#ifndef KEYSHIFT_SCAN_FILE_LOADER_H_
#define KEYSHIFT_SCAN_FILE_LOADER_H_

#include "base/source_file.h"
#include "scan/file_system.h"
#include "scan/walker.h"

#include <cstdint>
#include <optional>
#include <string>

namespace keyshift::scan {

struct LoadLimits {
  std::uint64_t max_file_size = 4u << 20;
  std::size_t binary_probe = 8192; ///< bytes searched for a NUL
};

enum class LoadStatus {
  Loaded,
  Skipped, ///< on purpose: binary or too large; not an error
  Failed,  ///< could not be read: an error (exit 3)
};

struct LoadResult {
  LoadStatus status = LoadStatus::Failed;
  std::optional<SourceFile> file; ///< set when Loaded; path() is repo_path
  /// Why it was skipped or failed, without the path:
  ///   "binary file (NUL byte in the first 8 KiB)"
  ///   "file too large (5.2 MiB > 4 MiB limit; raise with --max-file-size)"
  ///   "cannot read: Permission denied"
  std::string message;
  /// Skipped because of a NUL byte: callers that read every file of a tree
  /// (the key scanner) pass over binaries silently, as rg does.
  bool binary = false;
};

/// Invalid UTF-8 still loads (SourceFile::isValidUtf8 tells); a UTF-8 BOM is
/// stripped into SourceFile::hasBom.
LoadResult loadFile(const FileSystem &fs, const FileEntry &entry,
                    const LoadLimits &limits);

/// "512 B", "8 KiB", "5.2 MiB", "1.5 GiB": one decimal unless exact.
std::string formatSize(std::uint64_t bytes);

} // namespace keyshift::scan

#endif // KEYSHIFT_SCAN_FILE_LOADER_H_
