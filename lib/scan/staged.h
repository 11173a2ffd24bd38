// `check --staged`: what the next commit would hold, read from the index
// (as `gitleaks protect --staged` does) rather than the working tree, so a
// key staged and since deleted from the file still counts and an unstaged
// edit does not. The staged files become an in-memory file system at their
// work-tree paths, so the walker, loader and driver run on them unchanged.
#ifndef KEYSHIFT_SCAN_STAGED_H_
#define KEYSHIFT_SCAN_STAGED_H_

#include "base/error.h"
#include "scan/git_lister.h"
#include "scan/memory_file_system.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace keyshift::scan {

struct StagedFile {
  std::string path;  ///< relative to the work tree root
  std::string bytes; ///< the index's copy
};

/// Which index entries readStagedFiles returns.
enum class IndexSelection {
  Changed, ///< added, copied, modified, renamed or retyped since HEAD
  All,     ///< every entry (`pre-commit run --all-files` names them all)
};

/// Regular files of the index of the work tree at `root`, those selected
/// and for which `wanted(path)` holds, with their staged bytes, sorted by
/// path. Symbolic links and submodules are left out. Reads every blob with
/// one `git cat-file --batch`.
Result<std::vector<StagedFile>>
readStagedFiles(const std::string &root, IndexSelection which,
                const std::function<bool(const std::string &)> &wanted);

/// A git view with one work tree whose files are exactly `paths`.
class FixedGitLister final : public GitLister {
public:
  FixedGitLister(std::string root, std::vector<std::string> paths);
  std::optional<std::string>
  workTreeRoot(const std::string &dir) const override;
  Result<std::vector<std::string>>
  listFiles(const std::string &root) const override;

private:
  std::string root_;
  std::vector<std::string> paths_;
};

struct StagedTree {
  std::unique_ptr<MemoryFileSystem> fs;
  std::unique_ptr<FixedGitLister> git;
};

/// `files` at root/<path> in a file system that also has `root` and `cwd`
/// (absolute) as directories, and the git view listing them.
StagedTree stagedTree(const std::string &root, const std::string &cwd,
                      const std::vector<StagedFile> &files);

} // namespace keyshift::scan

#endif // KEYSHIFT_SCAN_STAGED_H_
