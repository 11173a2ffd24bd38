// Which files git would consider, so the walker honours .gitignore exactly
// as git does (nested .gitignore, negation, info/exclude, core.excludesFile)
// by asking git itself instead of re-implementing its rules.
#ifndef KEYSHIFT_SCAN_GIT_LISTER_H_
#define KEYSHIFT_SCAN_GIT_LISTER_H_

#include "base/error.h"

#include <optional>
#include <string>
#include <vector>

namespace keyshift::scan {

class GitLister {
public:
  virtual ~GitLister() = default;
  /// The absolute work tree root containing `dir` (a directory), or nullopt
  /// when `dir` is not inside a work tree (or git is not available).
  virtual std::optional<std::string>
  workTreeRoot(const std::string &dir) const = 0;
  /// Tracked plus untracked-not-ignored files, relative to `root`, sorted
  /// and unique. Tracked files deleted from the work tree are still listed;
  /// the walker drops them.
  virtual Result<std::vector<std::string>>
  listFiles(const std::string &root) const = 0;
};

/// Runs git (found on PATH) without a shell:
///   git -C <dir> rev-parse --show-toplevel
///   git -C <root> ls-files -z --cached --others --exclude-standard
/// -z keeps paths with spaces, quotes or newlines intact. Unmerged paths,
/// which ls-files prints once per stage, are listed once.
class ProcessGitLister final : public GitLister {
public:
  std::optional<std::string>
  workTreeRoot(const std::string &dir) const override;
  Result<std::vector<std::string>>
  listFiles(const std::string &root) const override;
};

/// Splits NUL-terminated records (ls-files -z output); sorted and unique.
std::vector<std::string> splitNulRecords(std::string_view bytes);

} // namespace keyshift::scan

#endif // KEYSHIFT_SCAN_GIT_LISTER_H_
