// Prints the unified diff of every changed file (`keyshift migrate`): the
// patch a reviewer reads and `git apply` takes. Removed lines appear
// verbatim, hard-coded keys included: git apply needs them to match.
// With colour (--color, a terminal), lines take git's diff colours; a
// coloured diff is for reading, not for git apply.
#ifndef KEYSHIFT_REPORT_UNIFIED_DIFF_PRINTER_H_
#define KEYSHIFT_REPORT_UNIFIED_DIFF_PRINTER_H_

#include "base/error.h"
#include "report/report_sink.h"

#include <ostream>
#include <vector>

namespace keyshift::report {

/// `diff` with each line in git's colours (meta bold, hunk headers cyan,
/// removed red, added green).
std::string colourDiff(std::string_view diff);

class UnifiedDiffPrinter : public ReportSink {
public:
  explicit UnifiedDiffPrinter(std::ostream &out, bool colour = false)
      : out_(out), colour_(colour) {}

  /// Prints the file's diff; nothing for a file without edits.
  void file(const FileOutcome &outcome) override;
  /// Problems are not part of a patch: other sinks report them.
  void problem(const FileProblem &) override {}
  void endRun(const RunStats &) override;

  /// Files whose diff could not be built (bad edits): they are left out of
  /// the patch rather than corrupting it; the caller reports these.
  const std::vector<Error> &errors() const { return errors_; }

private:
  std::ostream &out_;
  bool colour_;
  std::vector<Error> errors_;
};

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_UNIFIED_DIFF_PRINTER_H_
