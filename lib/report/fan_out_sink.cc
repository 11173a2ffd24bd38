#include "report/fan_out_sink.h"

namespace keyshift::report {

void FanOutSink::file(const FileOutcome &outcome) {
  for (ReportSink *sink : sinks_)
    sink->file(outcome);
}

void FanOutSink::problem(const FileProblem &problem) {
  for (ReportSink *sink : sinks_)
    sink->problem(problem);
}

void FanOutSink::endRun(const RunStats &stats) {
  for (ReportSink *sink : sinks_)
    sink->endRun(stats);
}

void FanOutSink::note(const std::string &message) {
  for (ReportSink *sink : sinks_)
    sink->note(message);
}

void FanOutSink::beginRun(std::size_t files) {
  for (ReportSink *sink : sinks_)
    sink->beginRun(files);
}

} // namespace keyshift::report
