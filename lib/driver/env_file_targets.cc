#include "driver/env_file_targets.h"

#include <algorithm>
#include <map>

namespace keyshift::driver {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

/// A YAML plain or quoted scalar, without a trailing ` # comment`.
std::string scalar(std::string_view s) {
  s = trim(s);
  if (!s.empty() && (s.front() == '"' || s.front() == '\'')) {
    std::size_t close = s.find(s.front(), 1);
    return std::string(
        s.substr(1, close == std::string_view::npos ? s.npos : close - 1));
  }
  if (std::size_t hash = s.find(" #"); hash != std::string_view::npos)
    s = trim(s.substr(0, hash));
  return std::string(s);
}

std::size_t indentOf(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ')
    ++n;
  return n;
}

bool isComposeFile(std::string_view repo_path) {
  std::string_view base = repo_path.substr(repo_path.rfind('/') + 1);
  return (base.rfind("docker-compose", 0) == 0 ||
          base.rfind("compose", 0) == 0) &&
         (base.ends_with(".yml") || base.ends_with(".yaml"));
}

/// `dir/path` with "." and ".." segments folded; "" when it leaves the
/// repository.
std::string joinPath(std::string_view dir, std::string_view path) {
  std::vector<std::string_view> parts;
  auto add = [&](std::string_view p) -> bool {
    std::size_t at = 0;
    while (at <= p.size()) {
      std::size_t slash = p.find('/', at);
      if (slash == std::string_view::npos)
        slash = p.size();
      std::string_view seg = p.substr(at, slash - at);
      if (seg == "..") {
        if (parts.empty())
          return false;
        parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.push_back(seg);
      }
      at = slash + 1;
    }
    return true;
  };
  if (!add(dir) || !add(path))
    return {};
  std::string out;
  for (std::string_view p : parts)
    out += (out.empty() ? "" : "/") + std::string(p);
  return out;
}

} // namespace

std::vector<std::string> envFileTargets(std::string_view compose) {
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < compose.size();) {
    std::size_t nl = compose.find('\n', at);
    if (nl == std::string_view::npos)
      nl = compose.size();
    lines.push_back(compose.substr(at, nl - at));
    at = nl + 1;
  }
  std::vector<std::string> out;
  auto keep = [&](std::string value) {
    if (!value.empty() && value.find('$') == std::string::npos)
      out.push_back(std::move(value));
  };
  constexpr std::string_view kKey = "env_file:";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = trim(lines[i]);
    if (line.rfind(kKey, 0) != 0)
      continue;
    const std::size_t indent = indentOf(lines[i]);
    std::string_view rest = trim(line.substr(kKey.size()));
    if (!rest.empty() && rest.front() == '[') {
      std::size_t close = rest.find(']');
      std::string_view items =
          rest.substr(1, close == rest.npos ? rest.npos : close - 1);
      for (std::size_t at = 0; at <= items.size();) {
        std::size_t comma = std::min(items.find(',', at), items.size());
        keep(scalar(items.substr(at, comma - at)));
        at = comma + 1;
      }
      continue;
    }
    if (!rest.empty() && rest.front() != '#') {
      keep(scalar(rest));
      continue;
    }
    // A block list below: `- a.env` or `- path: a.env` (+ `required:`).
    // Compose writes the dashes at the key's indentation or deeper; the
    // list ends at the next key at that indentation or less.
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      std::string_view item = trim(lines[j]);
      if (item.empty() || item.front() == '#')
        continue;
      const bool dash = item.front() == '-';
      if (indentOf(lines[j]) < indent ||
          (indentOf(lines[j]) == indent && !dash))
        break;
      if (dash)
        item = trim(item.substr(1));
      if (item.rfind("path:", 0) == 0)
        keep(scalar(item.substr(5)));
      else if (dash && item.find(": ") == std::string_view::npos &&
               !item.ends_with(":"))
        keep(scalar(item));
    }
  }
  return out;
}

void markEnvFileTargets(std::vector<scan::FileEntry> &files,
                        scan::FileSystem &fs, const scan::GitLister &git,
                        const scan::WalkOptions &walked,
                        const scan::LoadLimits &limits) {
  std::map<std::string, std::size_t> by_path;
  for (std::size_t i = 0; i < files.size(); ++i)
    by_path[files[i].repo_path] = i;
  std::vector<std::string> missing; // absolute
  const std::size_t count = files.size();
  for (std::size_t c = 0; c < count; ++c) {
    const scan::FileEntry &compose = files[c];
    if (compose.language != Language::Yaml || !isComposeFile(compose.repo_path))
      continue;
    scan::LoadResult loaded = scan::loadFile(fs, compose, limits);
    if (loaded.status != scan::LoadStatus::Loaded)
      continue;
    std::string_view dir(compose.repo_path);
    dir = dir.substr(
        0, dir.rfind('/') == std::string_view::npos ? 0 : dir.rfind('/'));
    std::string_view abs_dir(compose.abs_path);
    abs_dir = abs_dir.substr(0, abs_dir.rfind('/'));
    for (const std::string &target : envFileTargets(loaded.file->content())) {
      const std::string repo_path = joinPath(dir, target);
      if (repo_path.empty())
        continue; // leaves the repository
      auto it = by_path.find(repo_path);
      if (it == by_path.end())
        missing.push_back("/" + joinPath(abs_dir, target));
      else if (files[it->second].language == Language::Unknown)
        files[it->second].language = Language::Env;
    }
  }
  if (walked.any_text || missing.empty())
    return;
  scan::WalkOptions again = walked;
  again.roots = std::move(missing);
  again.any_text = true;
  again.missing_roots_skipped = true; // `required: false`
  auto more = scan::walk(fs, git, again);
  if (!more.ok())
    return;
  for (scan::FileEntry &f : more->files)
    if (f.language == Language::Unknown && !by_path.count(f.repo_path)) {
      f.language = Language::Env;
      by_path[f.repo_path] = files.size();
      files.push_back(std::move(f));
    }
}

} // namespace keyshift::driver
