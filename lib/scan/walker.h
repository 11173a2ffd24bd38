// Roots named by the user -> the sorted, de-duplicated list of files to
// process. Inside a git work tree the candidates are exactly what git lists
// (tracked + untracked-not-ignored); elsewhere a plain recursive walk.
// Example: roots {"src", "README.md"} in repo /r with cwd /r ->
//   {src/a.py, src/b.ts, README.md} plus problems for broken links.
#ifndef KEYSHIFT_SCAN_WALKER_H_
#define KEYSHIFT_SCAN_WALKER_H_

#include "base/error.h"
#include "base/language.h"
#include "scan/file_system.h"
#include "scan/git_lister.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::scan {

struct WalkOptions {
  /// Files or directories, relative to cwd or absolute; empty means {"."}.
  std::vector<std::string> roots;
  std::string cwd; ///< absolute
  /// Globs (see GlobSet) matched against FileEntry::repoPath(). An empty
  /// include list includes everything.
  std::vector<std::string> include{"**"};
  std::vector<std::string> exclude;
  /// Also files of no known language (the key scanner reads every text
  /// file): .env.example, Dockerfile, notes.txt, app.log. Names with a
  /// binary extension (isBinaryName) are still dropped unread.
  bool any_text = false;
  /// Inside a git work tree, also the files git ignores (ripgrep's
  /// --no-ignore): a plain walk of the directory instead of git's list.
  bool no_ignore = false;
  /// For --apply: a root that is a symbolic link to a directory is reported
  /// and not descended.
  bool for_writing = false;
  /// For check: a root that does not exist (a staged deletion) is a skipped
  /// problem ("no such file or directory"), not a usage error.
  bool missing_roots_skipped = false;
};

/// True for file names whose extension says binary (images, archives,
/// fonts, media, object code, compiled Python, model weights): never read
/// by the key scanner.
bool isBinaryName(std::string_view path);

/// A walked file. Its three paths share one string: the display and
/// repository paths are tails of the absolute path whenever they can be
/// (all but a root reached through a symbolic link), so the walk holds one
/// path per file, not three (issue 14: the entries are kept for both passes
/// and were most of what grew with the tree, ~330 bytes per file).
class FileEntry {
public:
  FileEntry() = default;
  FileEntry(std::string_view display_path, std::string_view repo_path,
            std::string_view abs_path, Language lang);

  /// As rg shows it: relative to cwd when under it, else absolute.
  std::string_view displayPath() const { return view(display_); }
  /// Relative to the git work tree root when in one (the a/ b/ diff paths),
  /// else relative to cwd, or to the root named when that is outside cwd.
  std::string_view repoPath() const { return view(repo_); }
  /// Symbolic links resolved.
  std::string_view absPath() const { return view(abs_); }

  Language language = Language::Unknown;

  friend bool operator==(const FileEntry &, const FileEntry &) = default;

private:
  struct Span {
    std::uint32_t at = 0, size = 0;
    friend bool operator==(const Span &, const Span &) = default;
  };
  std::string_view view(Span s) const {
    return std::string_view(paths_).substr(s.at, s.size);
  }
  /// `path` as a tail of what paths_ holds, or appended to it.
  Span place(std::string_view path);

  std::string paths_; ///< the absolute path, then any path not a tail of it
  Span abs_, display_, repo_;
};

/// A path that was passed over. is_error=false: skipped on purpose (not a
/// regular file); true: cannot be processed (broken or escaping symbolic
/// link, unreadable directory).
struct WalkProblem {
  std::string display_path;
  bool is_error = true;
  std::string message;

  friend bool operator==(const WalkProblem &, const WalkProblem &) = default;
};

struct WalkResult {
  /// Sorted by repoPath() then displayPath(); a file reached twice (two roots,
  /// or a root and its parent) is listed once.
  std::vector<FileEntry> files;
  std::vector<WalkProblem> problems; ///< sorted by display_path
};

/// Semantics, in the order they apply:
/// - A root that does not exist is an error naming it (the whole walk
///   fails: it is a usage mistake, not a file problem), or a skipped
///   problem with missing_roots_skipped.
/// - A root is resolved like a walked path: symbolic links in it (the last
///   component or a directory on the way) are resolved, and one whose
///   target leaves the root is an error problem ("symbolic link leaves the
///   root: -> ../x.py") and is neither read nor written. "The root" of a
///   root named inside the working directory is the working directory's
///   work tree, or the working directory outside one; of one named outside
///   it, its own (resolved) directory's work tree, or that directory. A
///   broken link is an error problem. Otherwise the target is walked (it
///   was named explicitly, as rg does), except that with for_writing a link
///   to a directory is an error problem, not descended.
/// - A root that is a file is taken even when git ignores it or it is
///   untracked, as rg does with an explicit path; globs still apply, so a
///   pre-commit hook passing staged files honours `exclude`.
/// - A directory root inside a git work tree: git's list restricted to it.
///   Tracked files deleted from the work tree are dropped silently, as are
///   submodules and nested repositories (name them as roots to scan them).
/// - A directory root outside any work tree: a recursive walk that skips
///   directories named .git, .hg, .svn and node_modules (unless named as the
///   root itself). Other hidden entries are walked: .env files and
///   .github/workflows are exactly what keyshift looks for.
/// - With no_ignore, a directory root inside a work tree is walked like one
///   outside it (below), with paths still relative to the work tree root.
/// - Paths whose language is Unknown (unless any_text, and then only names
///   with a binary extension), or that the globs leave out, are dropped
///   silently before anything else is looked at.
/// - Symbolic links are never followed: one to a file inside the root is
///   skipped silently (the target is walked on its own); a broken one or one
///   that leaves the root is an error problem ("broken symbolic link",
///   "symbolic link leaves the root: -> /etc/passwd"). Inside a work tree
///   "the root" is the work tree root, so src/x.py -> ../lib/x.py is fine.
///   A link's target is never read.
Result<WalkResult> walk(const FileSystem &fs, const GitLister &git,
                        const WalkOptions &options);

} // namespace keyshift::scan

#endif // KEYSHIFT_SCAN_WALKER_H_
