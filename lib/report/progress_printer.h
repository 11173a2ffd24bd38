// A progress line on a terminal for long runs (DESIGN §6): after the first
// half second, at most ten times a second, `keyshift: 1234/20000 files`,
// redrawn in place and erased at the end. The CLI adds it only when stderr
// is a TTY, so logs and pipes never see it.
#ifndef KEYSHIFT_REPORT_PROGRESS_PRINTER_H_
#define KEYSHIFT_REPORT_PROGRESS_PRINTER_H_

#include "report/report_sink.h"

#include <cstdint>
#include <functional>
#include <iosfwd>

namespace keyshift::report {

class ProgressPrinter : public ReportSink {
public:
  /// `now_ms` is a monotonic clock in milliseconds (injectable for tests).
  ProgressPrinter(std::ostream &out, std::function<std::int64_t()> now_ms);
  explicit ProgressPrinter(std::ostream &out);

  void beginRun(std::size_t files) override;
  void file(const FileOutcome &) override { tick(); }
  void problem(const FileProblem &) override {}
  void endRun(const RunStats &) override;

private:
  void tick();

  std::ostream &out_;
  std::function<std::int64_t()> now_ms_;
  std::size_t total_ = 0;
  std::size_t done_ = 0;
  std::int64_t started_ = 0;
  std::int64_t last_draw_ = 0;
  bool drawn_ = false;
};

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_PROGRESS_PRINTER_H_
