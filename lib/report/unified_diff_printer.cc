#include "report/unified_diff_printer.h"

#include "report/unified_diff.h"

namespace keyshift::report {

void UnifiedDiffPrinter::file(const FileOutcome &outcome) {
  if (!outcome.changed())
    return;
  auto diff = unifiedDiff(outcome);
  if (!diff) {
    errors_.push_back(diff.error());
    return;
  }
  out_ << *diff;
}

void UnifiedDiffPrinter::endRun(const RunStats &) { out_.flush(); }

} // namespace keyshift::report
