#include "scan/real_file_system.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace keyshift::scan {
namespace {

std::string errnoText(int err) {
  char buf[256];
  // GNU strerror_r: thread-safe, returns the message (maybe not in buf).
  const char *msg = ::strerror_r(err, buf, sizeof buf);
  return msg;
}

Error ioError(const std::string &path, int err) {
  return makeError(ErrorCode::Io, path + ": " + errnoText(err));
}

Error ioError(const std::string &path, std::string_view what, int err) {
  return makeError(ErrorCode::Io,
                   path + ": " + std::string(what) + ": " + errnoText(err));
}

FileStat toFileStat(const struct stat &st) {
  FileStat out;
  if (S_ISREG(st.st_mode))
    out.type = FileStat::Type::File;
  else if (S_ISDIR(st.st_mode))
    out.type = FileStat::Type::Directory;
  else if (S_ISLNK(st.st_mode))
    out.type = FileStat::Type::Symlink;
  else
    out.type = FileStat::Type::Other;
  out.size = static_cast<std::uint64_t>(st.st_size);
  out.mode = static_cast<std::uint32_t>(st.st_mode & 07777);
  return out;
}

Result<FileStat> statWith(int (*fn)(const char *, struct stat *),
                          const std::string &path) {
  struct stat st {};
  if (fn(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR)
      return FileStat{};
    return ioError(path, errno);
  }
  return toFileStat(st);
}

int lstatFn(const char *p, struct stat *st) { return ::lstat(p, st); }
int statFn(const char *p, struct stat *st) { return ::stat(p, st); }

class Fd {
public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0)
      ::close(fd_);
  }
  Fd(const Fd &) = delete;
  Fd &operator=(const Fd &) = delete;
  int get() const { return fd_; }
  /// close(2) can report a delayed write error, so writers must see it.
  int close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

private:
  int fd_;
};

/// Reads `fd` to its end into `out`, straight into the string, from a
/// first guess of `size` bytes (fstat's). A file that grew meanwhile reads
/// on, up to one byte past `max_size` so the caller sees it is too large.
Result<void> readToEnd(int fd, const std::string &path, std::uint64_t size,
                       std::uint64_t max_size, std::string &out) {
  const std::uint64_t cap = max_size < UINT64_MAX ? max_size + 1 : max_size;
  std::size_t want = static_cast<std::size_t>(std::min(size + 1, cap));
  out.resize(want);
  std::size_t have = 0;
  while (true) {
    ssize_t n = ::read(fd, out.data() + have, want - have);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return ioError(path, errno);
    }
    if (n == 0)
      break;
    have += static_cast<std::size_t>(n);
    if (have == want) {
      if (want >= cap)
        break;
      // Doubling, at least 64 KiB: a pipe or /proc file says size 0.
      const std::uint64_t next = std::max<std::uint64_t>(want * 2, 64 * 1024);
      want = static_cast<std::size_t>(std::min(next, cap));
      out.resize(want);
    }
  }
  out.resize(have);
  return {};
}

} // namespace

Result<FileStat> RealFileSystem::lstat(const std::string &path) const {
  return statWith(lstatFn, path);
}

Result<FileStat> RealFileSystem::stat(const std::string &path) const {
  return statWith(statFn, path);
}

Result<std::string> RealFileSystem::readLink(const std::string &path) const {
  std::string buf(256, '\0');
  while (true) {
    ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size());
    if (n < 0)
      return ioError(path, errno);
    if (static_cast<std::size_t>(n) < buf.size()) {
      buf.resize(static_cast<std::size_t>(n));
      return buf;
    }
    buf.resize(buf.size() * 2);
  }
}

Result<std::vector<FileSystem::DirEntry>>
RealFileSystem::listTypedDir(const std::string &dir) const {
  std::unique_ptr<DIR, int (*)(DIR *)> d(::opendir(dir.c_str()), ::closedir);
  if (!d)
    return ioError(dir, errno);
  std::vector<DirEntry> out;
  while (true) {
    errno = 0;
    struct dirent *e = ::readdir(d.get());
    if (e == nullptr) {
      if (errno != 0)
        return ioError(dir, errno);
      break;
    }
    std::string_view name = e->d_name;
    if (name == "." || name == "..")
      continue;
    DirEntry entry{std::string(name), FileStat::Type::Other};
    switch (e->d_type) {
    case DT_REG:
      entry.type = FileStat::Type::File;
      break;
    case DT_DIR:
      entry.type = FileStat::Type::Directory;
      break;
    case DT_LNK:
      entry.type = FileStat::Type::Symlink;
      break;
    case DT_UNKNOWN: { // some file systems do not say: ask
      auto st = lstat(dir == "/" ? "/" + entry.name : dir + "/" + entry.name);
      if (!st)
        return st.error();
      entry.type = st->type;
      break;
    }
    default:
      break;
    }
    out.push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(), [](const DirEntry &a, const DirEntry &b) {
    return a.name < b.name;
  });
  return out;
}

Result<std::vector<std::string>>
RealFileSystem::listDir(const std::string &dir) const {
  auto entries = listTypedDir(dir);
  if (!entries)
    return entries.error();
  std::vector<std::string> names;
  names.reserve(entries->size());
  for (DirEntry &e : *entries)
    names.push_back(std::move(e.name));
  return names;
}

Result<FileSystem::SizedRead>
RealFileSystem::readFileUpTo(const std::string &path,
                             std::uint64_t max_size) const {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it changes
  // nothing for regular files.
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    if (errno == ENOENT || errno == ENOTDIR)
      return SizedRead{};
    return ioError(path, errno);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0)
    return ioError(path, errno);
  SizedRead out{toFileStat(st), {}};
  if (out.stat.type != FileStat::Type::File || out.stat.size > max_size)
    return out;
  auto read = readToEnd(fd.get(), path, out.stat.size, max_size, out.bytes);
  if (!read)
    return read.error();
  return out;
}

Result<std::string> RealFileSystem::readFile(const std::string &path) const {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0)
    return ioError(path, errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0)
    return ioError(path, errno);
  if (S_ISDIR(st.st_mode))
    return ioError(path, EISDIR);
  std::string out;
  auto read = readToEnd(fd.get(), path, static_cast<std::uint64_t>(st.st_size),
                        UINT64_MAX, out);
  if (!read)
    return read.error();
  return out;
}

Result<void> RealFileSystem::writeAtomically(const std::string &path,
                                             std::string_view bytes) {
  std::string target = path;
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    auto resolved = realPath(path);
    if (!resolved)
      return resolved.error();
    target = *resolved;
  }
  // A new file gets rw-r--r--; mkstemp's 0600 would surprise the user.
  mode_t mode = 0644;
  bool exists = false;
  if (::stat(target.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode))
      return makeError(ErrorCode::Io, path + ": not a regular file");
    mode = st.st_mode & 07777;
    exists = true;
  } else if (errno != ENOENT) {
    return ioError(path, errno);
  }

  std::string tmp = path::parent(target) + "/." +
                    std::string(path::baseName(target)) + ".keyshift-XXXXXX";
  Fd fd(::mkostemp(tmp.data(), O_CLOEXEC));
  if (fd.get() < 0)
    return ioError(path, "cannot create temporary file", errno);
  auto fail = [&](std::string_view what, int err) -> Result<void> {
    ::unlink(tmp.c_str());
    return ioError(path, what, err);
  };

  const char *p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd.get(), p, left);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return fail("cannot write", errno);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fchmod(fd.get(), mode) != 0)
    return fail("cannot set mode", errno);
  if (exists) {
    // Only root can give a file away; for others this is a no-op anyway.
    (void)::fchown(fd.get(), st.st_uid, st.st_gid);
  }
  if (::fsync(fd.get()) != 0)
    return fail("cannot sync", errno);
  if (fd.close() != 0)
    return fail("cannot write", errno);
  if (::rename(tmp.c_str(), target.c_str()) != 0)
    return fail("cannot rename temporary file", errno);
  // Make the rename itself durable; failure here loses nothing written.
  Fd dir(
      ::open(path::parent(target).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0)
    (void)::fsync(dir.get());
  return {};
}

Result<std::string> RealFileSystem::realPath(const std::string &path) const {
  std::unique_ptr<char, void (*)(void *)> r(::realpath(path.c_str(), nullptr),
                                            std::free);
  if (!r)
    return ioError(path, errno);
  return std::string(r.get());
}

} // namespace keyshift::scan
