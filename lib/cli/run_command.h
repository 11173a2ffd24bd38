// What migrate, audit and check share: set up the run, open the audit log,
// run the driver, and map the result to an exit status.
#ifndef KEYSHIFT_CLI_RUN_COMMAND_H_
#define KEYSHIFT_CLI_RUN_COMMAND_H_

#include "cli/commands.h"
#include "cli/run_setup.h"
#include "report/fan_out_sink.h"

#include <fstream>
#include <functional>
#include <memory>
#include <optional>

namespace keyshift::cli {

/// Prints "keyshift: error: ..." and returns the exit status for `error`.
ExitStatus fail(Io &io, const Error &error);

struct RunResult {
  RunStats stats;
  bool has_findings = false; ///< any finding of severity warning or above
  /// any finding that needs a person (report/attention.h): what the
  /// summary calls "needs review"
  bool needs_attention = false;
};

/// Runs the driver with `sinks` plus the audit log (--audit-log) and the
/// summary line on stderr (unless --quiet). `configure` may adjust the
/// driver options (e.g. --apply) before the run.
Result<RunResult> executeRun(const RawArgs &args, Io &io, RunSetup &setup,
                             std::vector<ReportSink *> sinks,
                             bool audit_log_on_stdout_ok);

} // namespace keyshift::cli

#endif // KEYSHIFT_CLI_RUN_COMMAND_H_
