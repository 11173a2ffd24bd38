#include "scan/file_loader.h"

#include <array>
#include <cstdio>
#include <utility>

namespace keyshift::scan {
namespace {

LoadResult failed(std::string message) {
  return {LoadStatus::Failed, std::nullopt, std::move(message)};
}

LoadResult skipped(std::string message) {
  return {LoadStatus::Skipped, std::nullopt, std::move(message)};
}

std::string tooLarge(std::uint64_t size, const LoadLimits &limits) {
  return "file too large (" + formatSize(size) + " > " +
         formatSize(limits.max_file_size) +
         " limit; raise with --max-file-size)";
}

} // namespace

std::string formatSize(std::uint64_t bytes) {
  static constexpr std::array<const char *, 5> kUnits{"B", "KiB", "MiB", "GiB",
                                                      "TiB"};
  std::size_t unit = 0;
  std::uint64_t scale = 1;
  while (unit + 1 < kUnits.size() && bytes / scale >= 1024) {
    scale *= 1024;
    ++unit;
  }
  std::array<char, 32> buf{};
  if (bytes % scale == 0) {
    std::snprintf(buf.data(), buf.size(), "%llu %s",
                  static_cast<unsigned long long>(bytes / scale), kUnits[unit]);
  } else {
    // Always a decimal when inexact: 4 MiB + 1 byte is "4.0 MiB", which
    // reads as different from a "4 MiB" limit.
    unsigned long long tenths = (bytes * 10 + scale / 2) / scale;
    std::snprintf(buf.data(), buf.size(), "%llu.%llu %s", tenths / 10,
                  tenths % 10, kUnits[unit]);
  }
  return buf.data();
}

LoadResult loadFile(const FileSystem &fs, const FileEntry &entry,
                    const LoadLimits &limits) {
  const std::string p(entry.absPath());
  // One open, fstat and read: the size is known before any byte is read.
  auto read = fs.readFileUpTo(p, limits.max_file_size);
  if (!read)
    return failed("cannot read: " + errorReason(read.error(), p));
  const FileStat &st = read->stat;
  if (st.type == FileStat::Type::Missing)
    return failed("cannot read: No such file or directory");
  if (st.type != FileStat::Type::File)
    return failed("cannot read: not a regular file");
  if (st.size > limits.max_file_size)
    return skipped(tooLarge(st.size, limits));
  std::string &bytes = read->bytes;
  // The file may have grown between stat and read.
  if (bytes.size() > limits.max_file_size)
    return skipped(tooLarge(bytes.size(), limits));
  std::string_view probe = std::string_view(bytes).substr(
      0, std::min<std::size_t>(bytes.size(), limits.binary_probe));
  if (probe.find('\0') != std::string_view::npos) {
    LoadResult binary = skipped("binary file (NUL byte in the first " +
                                formatSize(limits.binary_probe) + ")");
    binary.binary = true;
    return binary;
  }
  LoadResult out;
  out.status = LoadStatus::Loaded;
  out.file.emplace(std::string(entry.repoPath()), std::move(bytes),
                   entry.language);
  return out;
}

} // namespace keyshift::scan
