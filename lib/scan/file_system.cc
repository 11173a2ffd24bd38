#include "scan/file_system.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>
#include <vector>

namespace keyshift::scan {

Result<std::vector<FileSystem::DirEntry>>
FileSystem::listTypedDir(const std::string &dir) const {
  auto names = listDir(dir);
  if (!names)
    return names.error();
  std::vector<DirEntry> out;
  out.reserve(names->size());
  for (std::string &name : *names) {
    std::string child = dir == "/" ? "/" + name : dir + "/" + name;
    auto st = lstat(child);
    if (!st)
      return st.error();
    out.push_back({std::move(name), st->type});
  }
  return out;
}

Result<FileSystem::SizedRead>
FileSystem::readFileUpTo(const std::string &path,
                         std::uint64_t max_size) const {
  auto st = stat(path);
  if (!st)
    return st.error();
  SizedRead out{*st, {}};
  if (st->type != FileStat::Type::File || st->size > max_size)
    return out;
  auto bytes = readFile(path);
  if (!bytes)
    return bytes.error();
  out.bytes = std::move(*bytes);
  return out;
}

std::string errorReason(const Error &e, const std::string &path) {
  std::string_view m = e.message;
  if (m.size() > path.size() + 2 && m.substr(0, path.size()) == path &&
      m.substr(path.size(), 2) == ": ")
    m.remove_prefix(path.size() + 2);
  return std::string(m);
}

} // namespace keyshift::scan

namespace keyshift::scan::temp_name {
namespace {
constexpr std::string_view kMarker = ".keyshift-tmp-";
constexpr std::size_t kRandomChars = 6; // mkstemp's XXXXXX
} // namespace

std::string templateFor(std::string_view target, long pid) {
  std::string out = path::parent(target);
  out += "/.";
  out += path::baseName(target);
  out += kMarker;
  out += std::to_string(pid);
  out += '-';
  out.append(kRandomChars, 'X');
  return out;
}

long ownerPid(std::string_view name) {
  std::size_t at = name.rfind(kMarker);
  // "." + at least one character of the file's name before the marker.
  if (name.size() < 2 || name[0] != '.' || at == std::string_view::npos ||
      at < 2)
    return -1;
  std::string_view rest = name.substr(at + kMarker.size());
  std::size_t dash = rest.find('-');
  if (dash == 0 || dash == std::string_view::npos || dash > 9 ||
      rest.size() - dash - 1 != kRandomChars)
    return -1;
  long pid = 0;
  for (char c : rest.substr(0, dash)) {
    if (c < '0' || c > '9')
      return -1;
    pid = pid * 10 + (c - '0');
  }
  for (char c : rest.substr(dash + 1))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
          (c >= 'A' && c <= 'Z')))
      return -1;
  return pid > 0 ? pid : -1;
}

bool isStale(std::string_view name) {
  long pid = ownerPid(name);
  if (pid <= 0 || pid == static_cast<long>(::getpid()))
    return false;
  // Signal 0 only asks whether the process exists; EPERM means it does
  // (someone else's). A reused pid keeps a stale file: the safe side.
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

std::string targetOf(std::string_view name) {
  if (ownerPid(name) < 0)
    return "";
  return std::string(name.substr(1, name.rfind(kMarker) - 1));
}

} // namespace keyshift::scan::temp_name

namespace keyshift::scan::path {

std::string normalize(std::string_view p) {
  const bool abs = !p.empty() && p.front() == '/';
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i <= p.size()) {
    std::size_t j = p.find('/', i);
    if (j == std::string_view::npos)
      j = p.size();
    std::string_view part = p.substr(i, j - i);
    if (part.empty() || part == ".") {
      // nothing
    } else if (part == "..") {
      if (!parts.empty() && parts.back() != "..")
        parts.pop_back();
      else if (!abs)
        parts.push_back(part);
    } else {
      parts.push_back(part);
    }
    i = j + 1;
  }
  std::string out;
  if (abs)
    out.push_back('/');
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k > 0)
      out += '/';
    out += parts[k];
  }
  if (out.empty())
    out.push_back('.');
  return out;
}

std::string absolute(std::string_view base, std::string_view p) {
  if (!p.empty() && p.front() == '/')
    return normalize(p);
  std::string joined(base);
  joined += '/';
  joined += p;
  return normalize(joined);
}

std::string parent(std::string_view p) {
  std::size_t slash = p.find_last_of('/');
  if (slash == std::string_view::npos)
    return ".";
  if (slash == 0)
    return "/";
  return std::string(p.substr(0, slash));
}

std::string_view baseName(std::string_view p) {
  std::size_t slash = p.find_last_of('/');
  return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

bool isWithin(std::string_view p, std::string_view dir) {
  if (dir == "/")
    return !p.empty() && p.front() == '/';
  if (p.size() < dir.size() || p.substr(0, dir.size()) != dir)
    return false;
  return p.size() == dir.size() || p[dir.size()] == '/';
}

std::string relativeTo(std::string_view p, std::string_view dir) {
  if (p.size() == dir.size())
    return "";
  std::size_t skip = dir == "/" ? 1 : dir.size() + 1;
  return std::string(p.substr(skip));
}

} // namespace keyshift::scan::path
