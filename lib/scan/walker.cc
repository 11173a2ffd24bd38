#include "scan/walker.h"

#include "scan/glob_set.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

namespace keyshift::scan {
namespace {

constexpr std::string_view kSkippedDirs[] = {".git", ".hg", ".svn",
                                             "node_modules"};

bool isSkippedDir(std::string_view name) {
  return std::find(std::begin(kSkippedDirs), std::end(kSkippedDirs), name) !=
         std::end(kSkippedDirs);
}

constexpr std::string_view kBinaryExtensions[] = {
    "7z",          "a",    "avi",    "bin",  "bmp",  "bz2",  "class", "dll",
    "dylib",       "eot",  "exe",    "flac", "gif",  "gz",   "h5",    "ico",
    "jar",         "jpeg", "jpg",    "lib",  "mkv",  "mov",  "mp3",   "mp4",
    "npy",         "npz",  "o",      "obj",  "ogg",  "onnx", "otf",   "parquet",
    "pdf",         "pkl",  "png",    "psd",  "pt",   "pyc",  "pyo",   "rar",
    "safetensors", "so",   "sqlite", "tar",  "tgz",  "tif",  "tiff",  "ttf",
    "war",         "wasm", "wav",    "webm", "webp", "whl",  "woff",  "woff2",
    "xz",          "zip",  "zst",
};

bool equalsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size())
    return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i])
      return false;
  }
  return true;
}

class Walker {
public:
  Walker(const FileSystem &fs, const GitLister &git, GlobSet include,
         GlobSet exclude, std::string cwd, const WalkOptions &options)
      : fs_(fs), git_(git), include_(std::move(include)),
        exclude_(std::move(exclude)), cwd_(std::move(cwd)),
        any_text_(options.any_text), no_ignore_(options.no_ignore),
        for_writing_(options.for_writing),
        missing_roots_skipped_(options.missing_roots_skipped) {}

  Result<void> walkRoot(const std::string &root);
  WalkResult finish();

private:
  std::string displayPath(const std::string &abs) const {
    if (!path::isWithin(abs, cwd_))
      return abs;
    std::string rel = path::relativeTo(abs, cwd_);
    return rel.empty() ? "." : rel;
  }
  bool wanted(const std::string &repo_path) const {
    if (languageForPath(repo_path) == Language::Unknown &&
        (!any_text_ || isBinaryName(repo_path)))
      return false;
    if (!include_.empty() && !include_.matches(repo_path))
      return false;
    return !exclude_.matches(repo_path);
  }
  void problem(const std::string &abs, bool is_error, std::string message) {
    problems_.push_back({displayPath(abs), is_error, std::move(message)});
  }
  std::optional<std::string> workTreeRoot(const std::string &dir);
  /// The directory a root named at `lexical` must stay inside (walker.h).
  std::string rootBoundary(const std::string &lexical);
  /// "symbolic link leaves the root: -> <target as written>".
  std::string leavesRoot(const std::string &link, const std::string &target);
  Result<const std::vector<std::string> *> gitFiles(const std::string &top);
  /// One candidate path: type checks, links, then the entry.
  void consider(const std::string &abs, const std::string &repo_path,
                const std::string &boundary, const FileStat &st);
  void walkDir(const std::string &dir, const std::string &repo_base,
               const std::string &boundary);

  const FileSystem &fs_;
  const GitLister &git_;
  GlobSet include_;
  GlobSet exclude_;
  std::string cwd_;
  bool any_text_ = false;
  bool no_ignore_ = false;
  bool for_writing_ = false;
  bool missing_roots_skipped_ = false;
  std::map<std::string, std::optional<std::string>> tops_;
  std::map<std::string, std::vector<std::string>> git_files_;
  std::vector<FileEntry> files_;
  std::vector<WalkProblem> problems_;
};

std::optional<std::string> Walker::workTreeRoot(const std::string &dir) {
  // A pre-commit hook names many files in few directories: one git call
  // per directory, not per file.
  auto it = tops_.find(dir);
  if (it == tops_.end())
    it = tops_.emplace(dir, git_.workTreeRoot(dir)).first;
  return it->second;
}

Result<const std::vector<std::string> *>
Walker::gitFiles(const std::string &top) {
  auto it = git_files_.find(top);
  if (it == git_files_.end()) {
    auto listed = git_.listFiles(top);
    if (!listed)
      return listed.error();
    it = git_files_.emplace(top, std::move(*listed)).first;
  }
  return &it->second;
}

std::string Walker::rootBoundary(const std::string &lexical) {
  std::string base = cwd_;
  if (!path::isWithin(lexical, cwd_)) {
    // Named outside the working directory: its own directory is the root,
    // as the user spelled it up to the last component.
    auto real = fs_.realPath(path::parent(lexical));
    base = real ? *real : path::parent(lexical);
  }
  std::optional<std::string> top = workTreeRoot(base);
  return top && path::isWithin(base, *top) ? *top : base;
}

std::string Walker::leavesRoot(const std::string &link,
                               const std::string &target) {
  auto text = fs_.readLink(link);
  return "symbolic link leaves the root: -> " + (text ? *text : target);
}

void Walker::consider(const std::string &abs, const std::string &repo_path,
                      const std::string &boundary, const FileStat &st) {
  switch (st.type) {
  case FileStat::Type::Missing:   // tracked, deleted from the work tree
  case FileStat::Type::Directory: // submodule or nested repository
    return;
  case FileStat::Type::Other:
    problem(abs, false, "not a regular file");
    return;
  case FileStat::Type::Symlink: {
    auto target = fs_.realPath(abs);
    if (!target) {
      problem(abs, true, "broken symbolic link");
    } else if (!path::isWithin(*target, boundary)) {
      problem(abs, true, leavesRoot(abs, *target));
    }
    return;
  }
  case FileStat::Type::File:
    files_.emplace_back(displayPath(abs), repo_path, abs,
                        languageForPath(repo_path));
    return;
  }
}

void Walker::walkDir(const std::string &dir, const std::string &repo_base,
                     const std::string &boundary) {
  // Entry types from the directory listing itself: no lstat per file.
  auto entries = fs_.listTypedDir(dir);
  if (!entries) {
    problem(dir, true,
            "cannot read directory: " + errorReason(entries.error(), dir));
    return;
  }
  for (const FileSystem::DirEntry &entry : *entries) {
    std::string child = dir == "/" ? "" : dir;
    child += '/';
    child += entry.name;
    if (entry.type == FileStat::Type::Directory) {
      if (!isSkippedDir(entry.name))
        walkDir(child, repo_base, boundary);
      continue;
    }
    std::string repo_path = path::relativeTo(child, repo_base);
    FileStat st;
    st.type = entry.type;
    if (wanted(repo_path))
      consider(child, repo_path, boundary, st);
  }
}

Result<void> Walker::walkRoot(const std::string &root) {
  const std::string named = path::normalize(root);
  const std::string lexical = path::absolute(cwd_, root);
  auto lst = fs_.lstat(lexical);
  if (!lst)
    return makeError(ErrorCode::Io,
                     named + ": " + errorReason(lst.error(), lexical));
  if (lst->type == FileStat::Type::Missing) {
    if (!missing_roots_skipped_)
      return makeError(ErrorCode::Usage, named + ": no such file or directory");
    problems_.push_back({named, false, "no such file or directory"});
    return {};
  }
  auto real = fs_.realPath(lexical);
  if (!real) {
    problems_.push_back({named, true, "broken symbolic link"});
    return {};
  }
  auto st = fs_.stat(*real);
  if (!st)
    return makeError(ErrorCode::Io,
                     named + ": " + errorReason(st.error(), *real));
  const bool is_dir = st->type == FileStat::Type::Directory;
  const bool is_link = lst->type == FileStat::Type::Symlink;
  if (*real != lexical) {
    // Reached through a link: the same rule as a walked link, so naming a
    // file cannot get keyshift to read or write outside the root.
    std::string boundary = rootBoundary(lexical);
    if (!path::isWithin(*real, boundary)) {
      problems_.push_back({named, true,
                           is_link ? leavesRoot(lexical, *real)
                                   : "symbolic link leaves the root: " + named +
                                         " is " + *real});
      return {};
    }
    if (is_dir && is_link && for_writing_) {
      problems_.push_back(
          {named, true,
           "symbolic link to a directory: not followed with --apply (name " +
               (path::isWithin(*real, cwd_) ? displayPath(*real) : *real) +
               " instead)"});
      return {};
    }
  }
  const std::string dir = is_dir ? *real : path::parent(*real);

  std::optional<std::string> top = workTreeRoot(dir);
  if (top && !path::isWithin(*real, *top))
    top.reset(); // git and the file system disagree on the path: walk plainly

  if (!is_dir) {
    std::string repo_path;
    if (top)
      repo_path = path::relativeTo(*real, *top);
    else if (path::isWithin(*real, cwd_))
      repo_path = path::relativeTo(*real, cwd_);
    else
      repo_path = std::string(path::baseName(*real));
    if (wanted(repo_path))
      consider(*real, repo_path, dir, *st);
    return {};
  }

  if (top && no_ignore_) {
    walkDir(*real, *top, *top);
    return {};
  }
  if (top) {
    auto listed = gitFiles(*top);
    if (!listed)
      return listed.error();
    const std::vector<std::string> &all = **listed;
    std::string prefix = path::relativeTo(*real, *top);
    if (!prefix.empty())
      prefix += '/';
    for (auto it = std::lower_bound(all.begin(), all.end(), prefix);
         it != all.end() && it->compare(0, prefix.size(), prefix) == 0; ++it) {
      const std::string &rel = *it;
      if (rel.empty() || rel.back() == '/') // untracked nested repository
        continue;
      if (!wanted(rel))
        continue;
      std::string abs = *top == "/" ? "/" + rel : *top + "/" + rel;
      auto entry_st = fs_.lstat(abs);
      if (!entry_st) {
        problem(abs, true, errorReason(entry_st.error(), abs));
        continue;
      }
      consider(abs, rel, *top, *entry_st);
    }
    return {};
  }

  const std::string repo_base = path::isWithin(*real, cwd_) ? cwd_ : *real;
  walkDir(*real, repo_base, *real);
  return {};
}

WalkResult Walker::finish() {
  WalkResult out;
  auto paths = [](const FileEntry &f) {
    return std::make_tuple(f.repoPath(), f.displayPath(), f.absPath());
  };
  std::sort(files_.begin(), files_.end(),
            [&](const FileEntry &a, const FileEntry &b) {
              return paths(a) < paths(b);
            });
  // A file reached twice is kept where it sorts first: by absolute path
  // (stable, so the first of equals leads), without a copy of the paths.
  std::vector<std::size_t> by_abs(files_.size());
  for (std::size_t i = 0; i < by_abs.size(); ++i)
    by_abs[i] = i;
  std::stable_sort(by_abs.begin(), by_abs.end(),
                   [&](std::size_t a, std::size_t b) {
                     return files_[a].absPath() < files_[b].absPath();
                   });
  std::vector<char> twice(files_.size(), 0);
  for (std::size_t k = 1; k < by_abs.size(); ++k)
    if (files_[by_abs[k]].absPath() == files_[by_abs[k - 1]].absPath())
      twice[by_abs[k]] = 1;
  for (std::size_t i = 0; i < files_.size(); ++i)
    if (!twice[i])
      out.files.push_back(std::move(files_[i]));
  std::sort(problems_.begin(), problems_.end(),
            [](const WalkProblem &a, const WalkProblem &b) {
              return std::tie(a.display_path, a.message) <
                     std::tie(b.display_path, b.message);
            });
  problems_.erase(std::unique(problems_.begin(), problems_.end()),
                  problems_.end());
  out.problems = std::move(problems_);
  return out;
}

} // namespace

bool isBinaryName(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string_view base =
      slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = base.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0)
    return false;
  const std::string_view ext = base.substr(dot + 1);
  for (std::string_view b : kBinaryExtensions)
    if (equalsLower(ext, b))
      return true;
  return false;
}

FileEntry::FileEntry(std::string_view display_path, std::string_view repo_path,
                     std::string_view abs_path, Language lang)
    : language(lang),
      paths_(abs_path), abs_{0, static_cast<std::uint32_t>(abs_path.size())} {
  display_ = place(display_path);
  repo_ = place(repo_path);
}

FileEntry::Span FileEntry::place(std::string_view path) {
  auto size = static_cast<std::uint32_t>(path.size());
  if (std::string_view(paths_).ends_with(path))
    return {static_cast<std::uint32_t>(paths_.size()) - size, size};
  if (std::string_view(paths_).substr(0, abs_.size).ends_with(path))
    return {abs_.size - size, size};
  Span at{static_cast<std::uint32_t>(paths_.size()), size};
  paths_.append(path);
  return at;
}

Result<WalkResult> walk(const FileSystem &fs, const GitLister &git,
                        const WalkOptions &options) {
  auto include = GlobSet::compile(options.include);
  if (!include)
    return include.error();
  auto exclude = GlobSet::compile(options.exclude);
  if (!exclude)
    return exclude.error();
  std::string cwd = path::normalize(options.cwd);
  // Work in resolved paths throughout, as git does for --show-toplevel.
  if (auto real = fs.realPath(cwd))
    cwd = *real;
  Walker walker(fs, git, std::move(*include), std::move(*exclude), cwd,
                options);
  std::vector<std::string> roots = options.roots;
  if (roots.empty())
    roots.emplace_back(".");
  for (const std::string &root : roots)
    if (auto r = walker.walkRoot(root); !r)
      return r.error();
  return walker.finish();
}

} // namespace keyshift::scan
