// Feeds one run to several sinks (diff on stdout, audit log to a file,
// summary on stderr), in the order they were added. It does not own them.
#ifndef KEYSHIFT_REPORT_FAN_OUT_SINK_H_
#define KEYSHIFT_REPORT_FAN_OUT_SINK_H_

#include "report/report_sink.h"

#include <vector>

namespace keyshift::report {

class FanOutSink : public ReportSink {
public:
  FanOutSink() = default;
  /// Null entries are ignored, so callers can pass optional sinks as is.
  explicit FanOutSink(const std::vector<ReportSink *> &sinks) {
    for (ReportSink *sink : sinks)
      if (sink != nullptr)
        sinks_.push_back(sink);
  }

  /// `sink` must outlive this object.
  void add(ReportSink &sink) { sinks_.push_back(&sink); }
  std::size_t size() const { return sinks_.size(); }

  void file(const FileOutcome &outcome) override;
  void problem(const FileProblem &problem) override;
  void note(const std::string &message) override;
  void beginRun(std::size_t files) override;
  void endRun(const RunStats &stats) override;

private:
  std::vector<ReportSink *> sinks_;
};

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_FAN_OUT_SINK_H_
