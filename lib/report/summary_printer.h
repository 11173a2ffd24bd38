// One closing line for a run, printed at endRun:
//   keyshift: 14 files scanned, 3 changed, 9 findings (client-construction 3,
//   env-key-ref 6), 1 error, 2 skipped in 120 ms
// The time is left out when deterministic, so tests and goldens are stable.
#ifndef KEYSHIFT_REPORT_SUMMARY_PRINTER_H_
#define KEYSHIFT_REPORT_SUMMARY_PRINTER_H_

#include "report/report_sink.h"

#include <ostream>
#include <string>

namespace keyshift::report {

struct SummaryOptions {
  bool deterministic = false;
};

/// The summary line without its trailing newline.
std::string formatSummary(const RunStats &stats, SummaryOptions options = {});

class SummaryPrinter : public ReportSink {
public:
  explicit SummaryPrinter(std::ostream &out, SummaryOptions options = {})
      : out_(out), options_(options) {}

  void file(const FileOutcome &) override {}
  void problem(const FileProblem &) override {}
  void endRun(const RunStats &stats) override;

private:
  std::ostream &out_;
  SummaryOptions options_;
};

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_SUMMARY_PRINTER_H_
