// One closing line for a run, printed at endRun:
//   keyshift: 14 files scanned, 3 files would change, 1 site needs review,
//   9 findings (client-construction 3, env-key-ref 6), 1 error, 2 skipped
//   in 120 ms
// "would change" unless the run wrote the files (--apply: "changed"); the
// "needs review" clause appears when some finding needs a person
// (report/attention.h), so the line names whatever makes `migrate --check`
// fail. The time is left out when deterministic, so tests are stable.
#ifndef KEYSHIFT_REPORT_SUMMARY_PRINTER_H_
#define KEYSHIFT_REPORT_SUMMARY_PRINTER_H_

#include "report/report_sink.h"

#include <ostream>
#include <string>

namespace keyshift::report {

struct SummaryOptions {
  bool deterministic = false;
  /// The run wrote its changes (--apply): files "changed", not "would".
  bool applied = false;
};

/// What the summary counts from the files themselves, beyond RunStats.
struct SummaryCounts {
  std::size_t written = 0;      ///< files written (only with `applied`)
  std::size_t needs_review = 0; ///< findings that need a person
};

/// The summary line without its trailing newline.
std::string formatSummary(const RunStats &stats, const SummaryCounts &counts,
                          SummaryOptions options = {});

class SummaryPrinter : public ReportSink {
public:
  explicit SummaryPrinter(std::ostream &out, SummaryOptions options = {})
      : out_(out), options_(options) {}

  void file(const FileOutcome &outcome) override;
  void problem(const FileProblem &) override {}
  void endRun(const RunStats &stats) override;

private:
  std::ostream &out_;
  SummaryOptions options_;
  SummaryCounts counts_;
};

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_SUMMARY_PRINTER_H_
