#include "cli/run_command.h"

#include "base/edit_distance.h"
#include "cli/filter_sink.h"
#include "report/attention.h"
#include "report/audit_log_writer.h"
#include "report/progress_printer.h"
#include "report/summary_printer.h"
#include "scan/git_lister.h"
#include "scan/real_file_system.h"

#include <algorithm>
#include <ostream>

namespace keyshift::cli {
namespace {

/// Counts findings that should fail a check: notes (already-proxied) don't.
class FindingCounter final : public ReportSink {
public:
  void file(const FileOutcome &outcome) override {
    for (const Finding &f : outcome.findings) {
      if (f.severity != Severity::Note)
        ++count;
      if (report::needsAttention(f))
        ++unresolved;
    }
  }
  void problem(const FileProblem &) override {}
  void endRun(const RunStats &) override {}
  std::size_t count = 0;
  std::size_t unresolved = 0;
};

} // namespace

ExitStatus fail(Io &io, const Error &error) {
  io.err << "keyshift: error: " << error.message << "\n";
  return error.code == ErrorCode::Usage || error.code == ErrorCode::Config
             ? ExitStatus::UsageError
             : ExitStatus::PartialFailure;
}

Result<RunResult> executeRun(const RawArgs &args, Io &io, RunSetup &setup,
                             std::vector<ReportSink *> sinks,
                             bool audit_log_on_stdout_ok) {
  report::FanOutSink fan(std::move(sinks));
  FindingCounter counter;
  fan.add(counter);
  ReportSink *head = &fan;
  std::unique_ptr<FilterSink> by_kind;
  if (args.has("kind")) {
    std::vector<std::string> known = ruleset::ruleKinds();
    known.insert(known.end(), {"conflict", "rewrite-failed"});
    std::vector<std::string> kinds = args.all("kind");
    for (const std::string &k : kinds)
      if (std::find(known.begin(), known.end(), k) == known.end())
        return makeError(ErrorCode::Usage, "--kind: unknown finding kind '" +
                                               k + "'" + didYouMean(k, known));
    by_kind = std::make_unique<FilterSink>(
        fan,
        [kinds](const Finding &f) {
          return std::find(kinds.begin(), kinds.end(), f.kind) != kinds.end();
        },
        /*keep_changes=*/true);
    head = by_kind.get();
  }

  std::ofstream log_file;
  std::unique_ptr<report::AuditLogWriter> audit;
  if (auto path = args.last("audit-log")) {
    if (*path == "-" && !audit_log_on_stdout_ok)
      return makeError(ErrorCode::Usage,
                       "--audit-log - would mix the audit log into the diff "
                       "on stdout: name a file, or use --apply");
    std::ostream *os = &io.out;
    if (*path != "-") {
      std::string p = (*path)[0] == '/' ? *path : io.cwd + "/" + *path;
      log_file.open(p, std::ios::binary | std::ios::trunc);
      if (!log_file)
        return makeError(ErrorCode::Usage,
                         *path + ": cannot write the audit log");
      os = &log_file;
    }
    report::AuditLogOptions ao;
    ao.deterministic = setup.deterministic;
    audit = std::make_unique<report::AuditLogWriter>(*os, ao);
    fan.add(*audit);
  }
  std::unique_ptr<report::ProgressPrinter> progress;
  if (!setup.quiet && io.err_is_tty) {
    progress = std::make_unique<report::ProgressPrinter>(io.err);
    fan.add(*progress);
  }
  std::unique_ptr<report::SummaryPrinter> summary;
  if (!setup.quiet) {
    summary = std::make_unique<report::SummaryPrinter>(
        io.err,
        report::SummaryOptions{setup.deterministic, setup.driver.apply});
    fan.add(*summary);
  }

  scan::RealFileSystem fs;
  scan::ProcessGitLister git;
  auto stats =
      driver::run(setup.driver, setup.rules, *setup.engines, fs, git, *head);
  if (!stats.ok())
    return stats.error();
  return RunResult{*stats, counter.count > 0, counter.unresolved > 0};
}

} // namespace keyshift::cli
