// The file system seam (ninja's DiskInterface): everything in keyshift that
// touches files goes through FileSystem, so the walker, the loader and the
// driver run against MemoryFileSystem in tests and RealFileSystem in the
// tool. Paths are plain strings with '/' separators.
#ifndef KEYSHIFT_SCAN_FILE_SYSTEM_H_
#define KEYSHIFT_SCAN_FILE_SYSTEM_H_

#include "base/error.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::scan {

struct FileStat {
  enum class Type { File, Directory, Symlink, Other, Missing };
  Type type = Type::Missing;
  std::uint64_t size = 0;
  std::uint32_t mode = 0; ///< permission bits (07777)
};

/// Implementations must allow concurrent calls from several threads: the
/// driver loads files from a worker pool. Error messages name the path
/// first ("/src/a.py: Permission denied").
class FileSystem {
public:
  virtual ~FileSystem() = default;
  /// Does not follow a final symbolic link. A path that does not exist is
  /// not an error: it yields Type::Missing.
  virtual Result<FileStat> lstat(const std::string &path) const = 0;
  /// Follows symbolic links; a broken link yields Type::Missing.
  virtual Result<FileStat> stat(const std::string &path) const = 0;
  /// The link's target text, unresolved.
  virtual Result<std::string> readLink(const std::string &path) const = 0;
  /// Entry names (not paths), sorted bytewise, without "." and "..".
  virtual Result<std::vector<std::string>>
  listDir(const std::string &dir) const = 0;
  virtual Result<std::string> readFile(const std::string &path) const = 0;

  /// An entry of listTypedDir: its name and what lstat would say its type is.
  struct DirEntry {
    std::string name;
    FileStat::Type type = FileStat::Type::Missing;
  };
  /// listDir with each entry's type (sizes and modes are not filled in).
  /// The default lstats every entry; RealFileSystem takes the types readdir
  /// already returns, which saves a system call per file of a large tree.
  virtual Result<std::vector<DirEntry>>
  listTypedDir(const std::string &dir) const;

  /// What stat then readFile give, in one go, reading nothing when the
  /// file is larger than `max_size` (bytes is then empty). Follows links.
  /// The default does exactly that; RealFileSystem opens once and fstats.
  struct SizedRead {
    FileStat stat;
    std::string bytes;
  };
  virtual Result<SizedRead> readFileUpTo(const std::string &path,
                                         std::uint64_t max_size) const;
  /// Writes a temporary file in the same directory, fsyncs it and renames it
  /// over `path`, so readers see the old or the new bytes, never a mix. An
  /// existing file keeps its permission bits; a symbolic link is written
  /// through to its target so the link survives. For files keyshift creates
  /// (a baseline, .keyshift.json); source files go through replaceFile.
  virtual Result<void> writeAtomically(const std::string &path,
                                       std::string_view bytes) = 0;
  /// Replaces the regular file `path` with `bytes` as writeAtomically does,
  /// but only if it still holds exactly `expected`: the file is re-read
  /// after the temporary file is written and synced, immediately before the
  /// rename. Fails, leaving the file as it is, with
  ///   ErrorCode::Changed  the bytes differ, or `path` is no longer the same
  ///                       regular file (replaced, now a symbolic link, gone);
  ///   ErrorCode::Input    the file has several hard links: a rename would
  ///                       split them, so it is not written;
  ///   ErrorCode::Io       anything else (full disk, read-only directory).
  /// Never follows a symbolic link. Mode and owner are kept.
  virtual Result<void> replaceFile(const std::string &path,
                                   std::string_view expected,
                                   std::string_view bytes) = 0;
  /// Removes from `dir` the temporary files of keyshift runs that were
  /// killed before they could (see temp_name below): only names keyshift
  /// gives them, only regular files, only when the process that made them
  /// is gone. Returns the names removed, sorted.
  virtual Result<std::vector<std::string>>
  removeStaleTemporaries(const std::string &dir) = 0;
  /// The absolute path with every symbolic link resolved (realpath(3)); an
  /// error when the path or a link on the way does not resolve.
  virtual Result<std::string> realPath(const std::string &path) const = 0;
};

/// FileSystem errors read "<path>: <reason>"; a problem carries the path
/// apart, so this keeps only the reason.
std::string errorReason(const Error &e, const std::string &path);

/// keyshift's temporary files are named so that a later run can tell its
/// own from anyone else's: ".<name>.keyshift-tmp-<pid>-XXXXXX" next to the
/// file <name> they will replace. Hidden, and with no extension keyshift
/// reads, so walks pass over them.
namespace temp_name {
/// The mkstemp(3) template for a temporary file replacing `target`.
std::string templateFor(std::string_view target, long pid);
/// The pid in a temporary file's name, or -1 when `name` is not one.
long ownerPid(std::string_view name);
/// True when `name` is a keyshift temporary whose process has ended (a pid
/// that is alive, ours included, is never stale).
bool isStale(std::string_view name);
/// The name of the file a temporary was to replace ("" when `name` is not
/// a keyshift temporary).
std::string targetOf(std::string_view name);
} // namespace temp_name

/// Lexical helpers shared by the file systems and the walker; they never
/// touch the disk.
namespace path {
/// Collapses "//", "." and ".." (".." above "/" stays at "/"); keeps a
/// relative path relative ("a/../.." -> ".."); "" -> ".".
std::string normalize(std::string_view p);
/// `p` if absolute, else base + "/" + p; then normalised.
std::string absolute(std::string_view base, std::string_view p);
/// "a/b/c" -> "a/b", "/a" -> "/", "a" -> ".".
std::string parent(std::string_view p);
/// "a/b/c" -> "c".
std::string_view baseName(std::string_view p);
/// True when `p` equals `dir` or lies under it (both normalised).
bool isWithin(std::string_view p, std::string_view dir);
/// `p` relative to `dir`, which must contain it; "" when they are equal.
std::string relativeTo(std::string_view p, std::string_view dir);
} // namespace path

} // namespace keyshift::scan

#endif // KEYSHIFT_SCAN_FILE_SYSTEM_H_
