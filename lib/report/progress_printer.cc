#include "report/progress_printer.h"

#include <chrono>
#include <ostream>

namespace keyshift::report {
namespace {

constexpr std::int64_t kQuietMs = 500;  // short runs print nothing
constexpr std::int64_t kRedrawMs = 100; // terminals need no more

std::int64_t steadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

} // namespace

ProgressPrinter::ProgressPrinter(std::ostream &out,
                                 std::function<std::int64_t()> now_ms)
    : out_(out), now_ms_(std::move(now_ms)) {}

ProgressPrinter::ProgressPrinter(std::ostream &out)
    : ProgressPrinter(out, steadyMs) {}

void ProgressPrinter::beginRun(std::size_t files) {
  total_ = files;
  done_ = 0;
  started_ = last_draw_ = now_ms_();
}

void ProgressPrinter::tick() {
  ++done_;
  std::int64_t now = now_ms_();
  if (now - started_ < kQuietMs || now - last_draw_ < kRedrawMs)
    return;
  last_draw_ = now;
  drawn_ = true;
  out_ << "\rkeyshift: " << done_ << "/" << total_ << " files" << std::flush;
}

void ProgressPrinter::endRun(const RunStats &) {
  if (drawn_)
    out_ << "\r\x1b[K" << std::flush; // erase the line for the summary
  drawn_ = false;
}

} // namespace keyshift::report
