// Running git as a child process, without a shell: its stdout collected or
// streamed, stderr kept for messages, stdin fed from memory. One place for
// the pipe plumbing that git_lister, the index reader (--staged) and the
// history reader (--history) share.
#ifndef KEYSHIFT_SCAN_GIT_PROCESS_H_
#define KEYSHIFT_SCAN_GIT_PROCESS_H_

#include "base/error.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::scan {

struct GitOutput {
  int exit_code = -1; ///< -1: could not start or killed by a signal
  std::string out;    ///< empty when streamed
  std::string err;
};

/// Runs `git <args>` (git found on PATH) with `input` on its stdin
/// (/dev/null when empty). Inside a git hook, git exports GIT_DIR,
/// GIT_INDEX_FILE and friends (sometimes as relative paths); they are
/// dropped so `-C <dir>` discovers the repository from the directory alone.
/// An error only when git cannot be started.
Result<GitOutput> runGit(const std::vector<std::string> &args,
                         std::string_view input = {});

/// As runGit, but stdout is handed to `on_output` as it arrives instead of
/// being kept, so output of any size (git log -p) streams in bounded memory.
Result<GitOutput>
streamGit(const std::vector<std::string> &args,
          const std::function<void(std::string_view)> &on_output);

/// The first line of git's stderr, for messages.
std::string firstLine(std::string_view text);

} // namespace keyshift::scan

#endif // KEYSHIFT_SCAN_GIT_PROCESS_H_
