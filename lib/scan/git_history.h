// `audit --history`: the lines each commit added, streamed from one
// `git log -p` (never a checkout, never a blob read per file), so a key
// deleted from HEAD but alive in history is found, on repositories with
// thousands of commits.
//   readHistory({root, "main..topic"}, on_file) calls on_file once per
//   (commit, file) with the lines that commit added to that file.
#ifndef KEYSHIFT_SCAN_GIT_HISTORY_H_
#define KEYSHIFT_SCAN_GIT_HISTORY_H_

#include "base/error.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::scan {

struct DiffLine {
  std::size_t number = 0; ///< 1-based, in the file as of the commit
  std::string text;       ///< without the diff's +/space and the newline
  bool added = false;     ///< false: a context line git showed around it
};

/// One file of one commit's patch.
struct FileDiff {
  std::string commit; ///< full object name
  std::string path;   ///< the file's path after the commit (renames: new)
  std::vector<DiffLine> lines; ///< by number; context lines included
};

struct HistoryOptions {
  std::string root;  ///< the work tree (or any directory in it)
  std::string range; ///< a revision range (`main..topic`); "" = all of HEAD
  std::vector<std::string> pathspecs; ///< limit to these paths
  /// Only commits whose patches add or remove a line holding this literal
  /// (git log -G, done inside git); "" = every commit.
  std::string pickaxe;
};

/// Calls `on_file` for each file diff with at least one added line, newest
/// commit first, as `git log -p -U1` prints them; binary files and merges
/// (which git log shows no patch for) are passed over. Errors: git cannot
/// run, or git fails (a bad range is ErrorCode::Usage with git's message).
/// On success returns the number of commits read.
Result<std::size_t>
readHistory(const HistoryOptions &options,
            const std::function<void(const FileDiff &)> &on_file);

/// Incremental parser behind readHistory, fed `git log -p` output in
/// chunks of any size; exposed for tests.
class PatchParser {
public:
  explicit PatchParser(std::function<void(const FileDiff &)> on_file)
      : on_file_(std::move(on_file)) {}
  void feed(std::string_view chunk);
  /// Ends the last file; call once after the last chunk.
  void finish();
  std::size_t commits() const { return commits_; }

private:
  void line(std::string_view text);
  void flush();

  std::function<void(const FileDiff &)> on_file_;
  std::string partial_;
  FileDiff current_;
  bool in_header_ = false;
  bool skip_file_ = true;
  bool any_added_ = false;
  std::size_t next_line_ = 0;
  std::size_t commits_ = 0;
};

/// A path as git prints it in a diff header: `b/src/a.py`, or C-quoted
/// (`"b/sp\303\251cial\tname"`) when it holds special bytes; the "b/"
/// (or "a/") prefix is removed.
std::string diffHeaderPath(std::string_view field);

} // namespace keyshift::scan

#endif // KEYSHIFT_SCAN_GIT_HISTORY_H_
