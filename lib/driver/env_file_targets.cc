#include "driver/env_file_targets.h"

#include "match/config/yaml_format.h"

#include <algorithm>
#include <map>

namespace keyshift::driver {
namespace {

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

void markEnvFileTargets(std::vector<scan::FileEntry> &files,
                        scan::FileSystem &fs, const scan::GitLister &git,
                        const scan::WalkOptions &walked,
                        const scan::LoadLimits &limits) {
  std::map<std::string, std::size_t> by_path;
  for (std::size_t i = 0; i < files.size(); ++i)
    by_path[std::string(files[i].repoPath())] = i;
  std::vector<std::string> missing; // absolute
  const std::size_t count = files.size();
  for (std::size_t c = 0; c < count; ++c) {
    const scan::FileEntry &compose = files[c];
    if (compose.language != Language::Yaml ||
        !isComposeFile(compose.repoPath()))
      continue;
    scan::LoadResult loaded = scan::loadFile(fs, compose, limits);
    if (loaded.status != scan::LoadStatus::Loaded)
      continue;
    std::string_view dir = compose.repoPath();
    dir = dir.substr(
        0, dir.rfind('/') == std::string_view::npos ? 0 : dir.rfind('/'));
    std::string_view abs_dir = compose.absPath();
    abs_dir = abs_dir.substr(0, abs_dir.rfind('/'));
    for (const std::string &target :
         config::composeEnvFiles(loaded.file->content())) {
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
    if (f.language == Language::Unknown &&
        !by_path.count(std::string(f.repoPath()))) {
      f.language = Language::Env;
      by_path[std::string(f.repoPath())] = files.size();
      files.push_back(std::move(f));
    }
}

} // namespace keyshift::driver
