#include "cli/run_command.h"

#include "base/edit_distance.h"
#include "cli/filter_sink.h"
#include "cli/quoted_text.h"
#include "driver/history.h"
#include "report/attention.h"
#include "report/audit_log_writer.h"
#include "report/progress_printer.h"
#include "report/summary_printer.h"
#include "scan/git_lister.h"
#include "scan/real_file_system.h"
#include "secrets/find_secrets.h"
#include "secrets/key_findings.h"

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
  // A key passed where a name belongs (--key-env sk-…) must not come back.
  io.err << "keyshift: error: " << safeText(error.message) << "\n";
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
    std::vector<std::string> known;
    for (FindingKind k : allFindingKinds())
      known.emplace_back(findingKindName(k));
    std::vector<std::string> kinds = args.all("kind");
    for (const std::string &k : kinds)
      if (std::find(known.begin(), known.end(), k) == known.end())
        return makeError(ErrorCode::Usage, "--kind: unknown finding kind '" +
                                               k + "'" + didYouMean(k, known));
    by_kind = std::make_unique<FilterSink>(
        fan,
        [kinds](const Finding &f) {
          return std::find(kinds.begin(), kinds.end(),
                           findingKindName(f.kind)) != kinds.end();
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
    ao.redactor = secrets::redactSecrets;
    audit = std::make_unique<report::AuditLogWriter>(*os, ao);
    fan.add(*audit);
  }
  std::unique_ptr<report::ProgressPrinter> progress;
  if (!setup.quiet && io.err_is_tty && !setup.history) {
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

  for (const std::string &note : setup.notes)
    head->note(note);
  Result<RunStats> stats = RunStats{};
  if (setup.history) {
    driver::HistoryRunOptions ho;
    ho.cwd = setup.driver.walk.cwd;
    ho.range = *setup.history;
    ho.pathspecs = setup.driver.walk.roots;
    ho.keys = setup.driver.keys;
    ho.baseline = setup.driver.baseline;
    ho.include = setup.driver.walk.include;
    ho.exclude = setup.driver.walk.exclude;
    stats = driver::runHistory(ho, *head);
  } else {
    scan::RealFileSystem real_fs(io.test_hooks ? io.test_hooks->write_observer
                                               : scan::WriteObserver{});
    scan::ProcessGitLister real_git;
    scan::FileSystem &fs = setup.fs ? *setup.fs : real_fs;
    const scan::GitLister &git = setup.git ? *setup.git : real_git;
    if (io.test_hooks)
      setup.driver.test_hooks = *io.test_hooks;
    stats =
        driver::run(setup.driver, setup.rules, *setup.engines, fs, git, *head);
  }
  if (!stats.ok())
    return stats.error();
  return RunResult{*stats, counter.count > 0, counter.unresolved > 0};
}

} // namespace keyshift::cli
