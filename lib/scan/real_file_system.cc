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

namespace {

int observe(const WriteObserver &observer, WriteStep step,
            const std::string &path) {
  return observer ? observer(step, path) : 0;
}

/// Error (ErrorCode::Changed) for a file that is no longer what was read.
Error changed(const std::string &path, std::string_view how) {
  std::string m = path + ": changed during the run";
  if (!how.empty())
    m += " (" + std::string(how) + ")";
  return makeError(ErrorCode::Changed, std::move(m));
}

Error hardLinks(const std::string &path, nlink_t links) {
  return makeError(ErrorCode::Input,
                   path + ": has " + std::to_string(links) +
                       " hard links; replacing it would split them");
}

/// A temporary file next to the one it will replace; removed on scope exit
/// unless release()d by a rename.
class Temporary {
public:
  explicit Temporary(std::string name) : name_(std::move(name)) {}
  ~Temporary() {
    if (!name_.empty())
      ::unlink(name_.c_str());
  }
  Temporary(const Temporary &) = delete;
  Temporary &operator=(const Temporary &) = delete;
  const std::string &name() const { return name_; }
  void release() { name_.clear(); }

private:
  std::string name_;
};

/// Writes `bytes` into a new temporary next to `target` with `mode` (and
/// `owner`'s uid/gid when given), synced to disk. `path` names the file in
/// messages. On failure nothing is left behind.
Result<std::unique_ptr<Temporary>>
writeTemporary(const WriteObserver &observer, const std::string &path,
               const std::string &target, std::string_view bytes, mode_t mode,
               const struct stat *owner) {
  std::string name = temp_name::templateFor(target, ::getpid());
  Fd fd(::mkostemp(name.data(), O_CLOEXEC));
  if (fd.get() < 0)
    return ioError(path, "cannot create temporary file", errno);
  auto tmp = std::make_unique<Temporary>(std::move(name));
  if (int err = observe(observer, WriteStep::TempCreated, path))
    return ioError(path, "cannot write", err);
  const char *p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd.get(), p, left);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return ioError(path, "cannot write", errno);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (int err = observe(observer, WriteStep::DataWritten, path))
    return ioError(path, "cannot write", err);
  if (::fchmod(fd.get(), mode) != 0)
    return ioError(path, "cannot set mode", errno);
  // Only root can give a file away; for others this is a no-op anyway.
  if (owner)
    (void)::fchown(fd.get(), owner->st_uid, owner->st_gid);
  if (::fsync(fd.get()) != 0)
    return ioError(path, "cannot sync", errno);
  if (fd.close() != 0)
    return ioError(path, "cannot write", errno);
  if (int err = observe(observer, WriteStep::Synced, path))
    return ioError(path, "cannot sync", err);
  return tmp;
}

/// Renames the temporary over `target` and makes the rename durable.
Result<void> commit(const WriteObserver &observer, const std::string &path,
                    Temporary &tmp, const std::string &target) {
  if (::rename(tmp.name().c_str(), target.c_str()) != 0)
    return ioError(path, "cannot rename temporary file", errno);
  tmp.release();
  // Failure here loses nothing written.
  Fd dir(
      ::open(path::parent(target).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0)
    (void)::fsync(dir.get());
  (void)observe(observer, WriteStep::Renamed, path);
  return {};
}

/// Ok when `path` is still the regular file `before` described (same
/// inode, one link) and holds exactly `expected`.
Result<void> checkUnchanged(const std::string &path, const struct stat &before,
                            std::string_view expected) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ELOOP)
      return changed(path, "now a symbolic link");
    if (errno == ENOENT)
      return changed(path, "removed");
    return ioError(path, errno);
  }
  struct stat now {};
  if (::fstat(fd.get(), &now) != 0)
    return ioError(path, errno);
  if (!S_ISREG(now.st_mode) || now.st_dev != before.st_dev ||
      now.st_ino != before.st_ino)
    return changed(path, "replaced by another file");
  if (now.st_nlink > 1)
    return hardLinks(path, now.st_nlink);
  if (static_cast<std::uint64_t>(now.st_size) != expected.size())
    return changed(path, "");
  std::string actual;
  if (auto read =
          readToEnd(fd.get(), path, expected.size(), expected.size(), actual);
      !read)
    return read.error();
  if (actual != expected)
    return changed(path, "");
  return {};
}

} // namespace

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
  auto tmp = writeTemporary(observer_, path, target, bytes, mode,
                            exists ? &st : nullptr);
  if (!tmp)
    return tmp.error();
  return commit(observer_, path, **tmp, target);
}

Result<void> RealFileSystem::replaceFile(const std::string &path,
                                         std::string_view expected,
                                         std::string_view bytes) {
  struct stat before {};
  if (::lstat(path.c_str(), &before) != 0)
    return errno == ENOENT ? changed(path, "removed") : ioError(path, errno);
  if (S_ISLNK(before.st_mode))
    return changed(path, "now a symbolic link");
  if (!S_ISREG(before.st_mode))
    return changed(path, "no longer a regular file");
  if (before.st_nlink > 1)
    return hardLinks(path, before.st_nlink);
  auto tmp = writeTemporary(observer_, path, path, bytes,
                            before.st_mode & 07777, &before);
  if (!tmp)
    return tmp.error();
  // As late as it can be: only the rename comes after this.
  if (auto same = checkUnchanged(path, before, expected); !same)
    return same.error();
  return commit(observer_, path, **tmp, path);
}

Result<std::vector<std::string>>
RealFileSystem::removeStaleTemporaries(const std::string &dir) {
  auto names = listDir(dir);
  if (!names)
    return names.error();
  std::vector<std::string> removed;
  for (const std::string &name : *names) {
    if (!temp_name::isStale(name))
      continue;
    std::string p = dir == "/" ? "/" + name : dir + "/" + name;
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
      continue;
    // Ours: created by this user, or by root and already given to the
    // owner of the file it was to replace (writeTemporary's fchown).
    bool ours = st.st_uid == ::geteuid();
    if (!ours && ::geteuid() == 0) {
      std::string target = temp_name::targetOf(name);
      struct stat t {};
      ours = ::lstat((dir == "/" ? "/" + target : dir + "/" + target).c_str(),
                     &t) == 0 &&
             S_ISREG(t.st_mode) && t.st_uid == st.st_uid &&
             t.st_gid == st.st_gid;
    }
    if (!ours)
      continue;
    if (::unlink(p.c_str()) != 0)
      return ioError(p, "cannot remove stale temporary file", errno);
    removed.push_back(name);
  }
  return removed;
}

Result<std::string> RealFileSystem::realPath(const std::string &path) const {
  std::unique_ptr<char, void (*)(void *)> r(::realpath(path.c_str(), nullptr),
                                            std::free);
  if (!r)
    return ioError(path, errno);
  return std::string(r.get());
}

} // namespace keyshift::scan
