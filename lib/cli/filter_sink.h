// Forwards to another sink only the findings a predicate keeps (and the
// files that still have some): `migrate` shows on stderr just what needs a
// person, `audit --kind hardcoded-key` just the keys.
#ifndef KEYSHIFT_CLI_FILTER_SINK_H_
#define KEYSHIFT_CLI_FILTER_SINK_H_

#include "report/attention.h"
#include "report/report_sink.h"

#include <functional>
#include <utility>

namespace keyshift::cli {

class FilterSink final : public ReportSink {
public:
  using Keep = std::function<bool(const Finding &)>;
  FilterSink(ReportSink &next, Keep keep, bool keep_changes)
      : next_(next), keep_(std::move(keep)), keep_changes_(keep_changes) {}

  void file(const FileOutcome &outcome) override {
    FileOutcome only = outcome;
    only.findings.clear();
    for (const Finding &f : outcome.findings)
      if (keep_(f))
        only.findings.push_back(f);
    if (!keep_changes_) {
      only.edits.clear();
      only.new_content = std::string(outcome.source->content());
    }
    if (!only.findings.empty() || only.changed())
      next_.file(only);
  }
  void problem(const FileProblem &problem) override { next_.problem(problem); }
  void note(const std::string &message) override { next_.note(message); }
  void beginRun(std::size_t files) override { next_.beginRun(files); }
  void endRun(const RunStats &stats) override { next_.endRun(stats); }

  /// What needs a person (one definition, shared with the summary).
  static bool needsAttention(const Finding &f) {
    return report::needsAttention(f);
  }

private:
  ReportSink &next_;
  Keep keep_;
  bool keep_changes_;
};

} // namespace keyshift::cli

#endif // KEYSHIFT_CLI_FILTER_SINK_H_
