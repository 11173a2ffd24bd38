// runHistory(): `audit --history [REV_RANGE]`, the key scanner over the
// lines each commit added (scan/git_history.h), through the same reconcile
// as the working tree (inline ignores, foreign markers, baseline,
// fingerprints) and the same sinks. A finding is reported at the commit
// that added its line: `<commit>:<path>:<line>` in text, "commit" in JSON.
#ifndef KEYSHIFT_DRIVER_HISTORY_H_
#define KEYSHIFT_DRIVER_HISTORY_H_

#include "base/error.h"
#include "driver/process_file.h"
#include "report/report_sink.h"

#include <string>
#include <vector>

namespace keyshift::driver {

struct HistoryRunOptions {
  std::string cwd;                    ///< absolute; inside the work tree
  std::string range;                  ///< "" = all history reachable from HEAD
  std::vector<std::string> pathspecs; ///< limit to these paths (as named)
  KeyScanOptions keys;                ///< enabled is implied
  const secrets::Baseline *baseline = nullptr; ///< matched by fingerprint
  /// Files whose path does not match are passed over (the walk's globs).
  std::vector<std::string> include{"**"};
  std::vector<std::string> exclude;
};

/// Errors: not in a git work tree, bad globs, git failing (a bad range is a
/// usage error). RunStats::files_scanned counts (commit, file) pairs.
Result<RunStats> runHistory(const HistoryRunOptions &options, ReportSink &sink);

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_HISTORY_H_
