#include "report/summary_printer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace keyshift::report {
namespace {

RunStats sampleStats() {
  RunStats stats;
  stats.files_scanned = 14;
  stats.files_changed = 3;
  stats.findings_by_kind = {
      {"env-key-ref", 2}, {"client-construction", 3}, {"hardcoded-key", 4}};
  stats.errors = 1;
  stats.skipped = 2;
  stats.elapsed_ms = 120;
  return stats;
}

TEST(SummaryPrinterTest, OneLineWithKindsSortedAndTime) {
  std::ostringstream out;
  SummaryPrinter printer(out);
  printer.endRun(sampleStats());
  EXPECT_EQ(out.str(),
            "keyshift: 14 files scanned, 3 changed, 9 findings "
            "(client-construction 3, env-key-ref 2, hardcoded-key 4), "
            "1 error, 2 skipped in 120 ms\n");
}

TEST(SummaryPrinterTest, DeterministicLeavesOutTheTime) {
  EXPECT_EQ(formatSummary(sampleStats(), SummaryOptions{true}),
            "keyshift: 14 files scanned, 3 changed, 9 findings "
            "(client-construction 3, env-key-ref 2, hardcoded-key 4), "
            "1 error, 2 skipped");
}

TEST(SummaryPrinterTest, SingularsAndNoFindings) {
  RunStats stats;
  stats.files_scanned = 1;
  EXPECT_EQ(formatSummary(stats, SummaryOptions{true}),
            "keyshift: 1 file scanned, 0 changed, 0 findings, 0 errors, "
            "0 skipped");
  stats.findings_by_kind = {{"env-key-ref", 1}};
  stats.errors = 2;
  EXPECT_EQ(formatSummary(stats, SummaryOptions{true}),
            "keyshift: 1 file scanned, 0 changed, 1 finding (env-key-ref 1), "
            "2 errors, 0 skipped");
}

} // namespace
} // namespace keyshift::report
