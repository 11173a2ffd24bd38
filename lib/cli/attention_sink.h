// Forwards only what a person must look at (findings that need review or
// were not rewritten, and file problems) to another sink: `migrate` prints
// the diff on stdout and just these on stderr.
#ifndef KEYSHIFT_CLI_ATTENTION_SINK_H_
#define KEYSHIFT_CLI_ATTENTION_SINK_H_

#include "report/report_sink.h"

namespace keyshift::cli {

class AttentionSink final : public ReportSink {
public:
  explicit AttentionSink(ReportSink &next) : next_(next) {}

  void file(const FileOutcome &outcome) override {
    FileOutcome only = outcome;
    only.findings.clear();
    for (const Finding &f : outcome.findings)
      if (f.action == FindingAction::Skipped || f.kind == "needs-review")
        only.findings.push_back(f);
    if (!only.findings.empty())
      next_.file(only);
  }
  void problem(const FileProblem &problem) override { next_.problem(problem); }
  void note(const std::string &message) override { next_.note(message); }
  void endRun(const RunStats &stats) override { next_.endRun(stats); }

private:
  ReportSink &next_;
};

} // namespace keyshift::cli

#endif // KEYSHIFT_CLI_ATTENTION_SINK_H_
