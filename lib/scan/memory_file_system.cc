#include "scan/memory_file_system.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace keyshift::scan {
namespace {

constexpr int kMaxLinks = 40; // Linux's MAXSYMLINKS

Error ioError(const std::string &path, int err) {
  char buf[256];
  return makeError(ErrorCode::Io,
                   path + ": " + ::strerror_r(err, buf, sizeof buf));
}

} // namespace

MemoryFileSystem::MemoryFileSystem() {
  Node root;
  root.type = FileStat::Type::Directory;
  root.mode = 0755;
  nodes_["/"] = root;
}

void MemoryFileSystem::addNode(const std::string &path, Node node) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string p = path::absolute("/", path);
  for (std::string dir = path::parent(p); dir != "/"; dir = path::parent(dir)) {
    auto it = nodes_.find(dir);
    if (it == nodes_.end()) {
      Node d;
      d.type = FileStat::Type::Directory;
      d.mode = 0755;
      nodes_[dir] = d;
    }
  }
  nodes_[p] = std::move(node);
}

void MemoryFileSystem::addFile(const std::string &path, std::string bytes,
                               std::uint32_t mode) {
  Node n;
  n.type = FileStat::Type::File;
  n.bytes = std::move(bytes);
  n.mode = mode;
  addNode(path, std::move(n));
}

void MemoryFileSystem::addSymlink(const std::string &path, std::string target) {
  Node n;
  n.type = FileStat::Type::Symlink;
  n.bytes = std::move(target);
  n.mode = 0777;
  addNode(path, std::move(n));
}

void MemoryFileSystem::addDir(const std::string &path) {
  Node n;
  n.type = FileStat::Type::Directory;
  n.mode = 0755;
  addNode(path, std::move(n));
}

void MemoryFileSystem::setUnreadable(const std::string &path) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = nodes_.find(path::absolute("/", path));
  if (it != nodes_.end())
    it->second.unreadable = true;
}

std::vector<std::string> MemoryFileSystem::filesRead() const {
  std::lock_guard<std::mutex> lock(mu_);
  return files_read_;
}

std::vector<std::string> MemoryFileSystem::filesWritten() const {
  std::lock_guard<std::mutex> lock(mu_);
  return files_written_;
}

MemoryFileSystem::Resolved MemoryFileSystem::resolve(const std::string &p,
                                                     bool follow_last) const {
  std::string todo = path::absolute("/", p);
  for (int links = 0; links <= kMaxLinks; ++links) {
    std::string cur = "/";
    std::size_t i = 1;
    bool restarted = false;
    while (i < todo.size()) {
      std::size_t j = todo.find('/', i);
      bool last = j == std::string::npos;
      if (last)
        j = todo.size();
      std::string next = (cur == "/" ? "" : cur) + "/" + todo.substr(i, j - i);
      auto it = nodes_.find(next);
      if (it == nodes_.end())
        return {next, ENOENT};
      const Node &n = it->second;
      if (n.type == FileStat::Type::Symlink && (!last || follow_last)) {
        std::string rest = last ? "" : todo.substr(j);
        todo = path::absolute(cur, n.bytes + rest);
        restarted = true;
        break;
      }
      if (!last && n.type != FileStat::Type::Directory)
        return {next, ENOTDIR};
      cur = std::move(next);
      i = j + 1;
    }
    if (!restarted)
      return {cur, 0};
  }
  return {p, ELOOP};
}

Result<FileStat> MemoryFileSystem::statImpl(const std::string &path,
                                            bool follow) const {
  std::lock_guard<std::mutex> lock(mu_);
  Resolved r = resolve(path, follow);
  if (r.err == ENOENT || r.err == ENOTDIR)
    return FileStat{};
  if (r.err != 0)
    return ioError(path, r.err);
  const Node &n = nodes_.at(r.path);
  FileStat st;
  st.type = n.type;
  st.size = n.type == FileStat::Type::Directory ? 4096 : n.bytes.size();
  st.mode = n.mode;
  return st;
}

Result<FileStat> MemoryFileSystem::lstat(const std::string &path) const {
  return statImpl(path, false);
}

Result<FileStat> MemoryFileSystem::stat(const std::string &path) const {
  return statImpl(path, true);
}

Result<std::string> MemoryFileSystem::readLink(const std::string &path) const {
  std::lock_guard<std::mutex> lock(mu_);
  Resolved r = resolve(path, false);
  if (r.err != 0)
    return ioError(path, r.err);
  const Node &n = nodes_.at(r.path);
  if (n.type != FileStat::Type::Symlink)
    return ioError(path, EINVAL);
  return n.bytes;
}

Result<std::vector<std::string>>
MemoryFileSystem::listDir(const std::string &dir) const {
  std::lock_guard<std::mutex> lock(mu_);
  Resolved r = resolve(dir, true);
  if (r.err != 0)
    return ioError(dir, r.err);
  const Node &n = nodes_.at(r.path);
  if (n.type != FileStat::Type::Directory)
    return ioError(dir, ENOTDIR);
  if (n.unreadable)
    return ioError(dir, EACCES);
  std::string prefix = r.path == "/" ? "/" : r.path + "/";
  std::vector<std::string> names;
  for (auto it = nodes_.lower_bound(prefix);
       it != nodes_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    std::string_view rest = std::string_view(it->first).substr(prefix.size());
    if (!rest.empty() && rest.find('/') == std::string_view::npos)
      names.emplace_back(rest);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<std::string> MemoryFileSystem::readFile(const std::string &path) const {
  std::lock_guard<std::mutex> lock(mu_);
  files_read_.push_back(path);
  Resolved r = resolve(path, true);
  if (r.err != 0)
    return ioError(path, r.err);
  const Node &n = nodes_.at(r.path);
  if (n.type == FileStat::Type::Directory)
    return ioError(path, EISDIR);
  if (n.unreadable)
    return ioError(path, EACCES);
  return n.bytes;
}

Result<void> MemoryFileSystem::writeAtomically(const std::string &path,
                                               std::string_view bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  files_written_.push_back(path);
  Resolved r = resolve(path, true);
  if (r.err == 0) {
    Node &n = nodes_.at(r.path);
    if (n.type != FileStat::Type::File)
      return makeError(ErrorCode::Io, path + ": not a regular file");
    n.bytes = std::string(bytes);
    return {};
  }
  if (r.err != ENOENT)
    return ioError(path, r.err);
  std::string abs = path::absolute("/", path);
  Resolved dir = resolve(path::parent(abs), true);
  if (dir.err != 0)
    return ioError(path, dir.err);
  if (nodes_.at(dir.path).type != FileStat::Type::Directory)
    return ioError(path, ENOTDIR);
  std::string target = (dir.path == "/" ? "" : dir.path) + "/" +
                       std::string(path::baseName(abs));
  if (nodes_.count(target) != 0) // a dangling link: realpath fails too
    return ioError(path, ENOENT);
  Node n;
  n.bytes = std::string(bytes);
  nodes_[target] = std::move(n);
  return {};
}

Result<void> MemoryFileSystem::replaceFile(const std::string &path,
                                           std::string_view expected,
                                           std::string_view bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  files_written_.push_back(path);
  Resolved r = resolve(path, false);
  auto changed = [&](std::string_view how) {
    std::string m = path + ": changed during the run";
    if (!how.empty())
      m += " (" + std::string(how) + ")";
    return makeError(ErrorCode::Changed, std::move(m));
  };
  if (r.err == ENOENT)
    return changed("removed");
  if (r.err != 0)
    return ioError(path, r.err);
  Node &n = nodes_.at(r.path);
  if (n.type == FileStat::Type::Symlink)
    return changed("now a symbolic link");
  if (n.type != FileStat::Type::File)
    return changed("no longer a regular file");
  if (n.bytes != expected)
    return changed("");
  n.bytes = std::string(bytes);
  return {};
}

Result<std::vector<std::string>>
MemoryFileSystem::removeStaleTemporaries(const std::string &dir) {
  auto names = listDir(dir);
  if (!names)
    return names.error();
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> removed;
  for (const std::string &name : *names) {
    std::string p = path::absolute(dir, name);
    auto it = nodes_.find(p);
    if (it == nodes_.end() || it->second.type != FileStat::Type::File ||
        !temp_name::isStale(name))
      continue;
    nodes_.erase(it);
    removed.push_back(name);
  }
  return removed;
}

Result<std::string> MemoryFileSystem::realPath(const std::string &path) const {
  std::lock_guard<std::mutex> lock(mu_);
  Resolved r = resolve(path, true);
  if (r.err != 0)
    return ioError(path, r.err);
  return r.path;
}

} // namespace keyshift::scan
