#include "report/summary_printer.h"
#include "report_test_util.h"

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
            "keyshift: 14 files scanned, 3 files would change, 9 findings "
            "(client-construction 3, env-key-ref 2, hardcoded-key 4), "
            "1 error, 2 skipped in 120 ms\n");
}

TEST(SummaryPrinterTest, DeterministicLeavesOutTheTime) {
  EXPECT_EQ(formatSummary(sampleStats(), {}, SummaryOptions{true}),
            "keyshift: 14 files scanned, 3 files would change, 9 findings "
            "(client-construction 3, env-key-ref 2, hardcoded-key 4), "
            "1 error, 2 skipped");
}

TEST(SummaryPrinterTest, SingularsAndNoFindings) {
  RunStats stats;
  stats.files_scanned = 1;
  EXPECT_EQ(formatSummary(stats, {}, SummaryOptions{true}),
            "keyshift: 1 file scanned, 0 files would change, 0 findings, "
            "0 errors, 0 skipped");
  stats.findings_by_kind = {{"env-key-ref", 1}};
  stats.files_changed = 1;
  stats.errors = 2;
  EXPECT_EQ(formatSummary(stats, {0, 1}, SummaryOptions{true}),
            "keyshift: 1 file scanned, 1 file would change, 1 site needs "
            "review, 1 finding (env-key-ref 1), 2 errors, 0 skipped");
}

// The words follow what happened: nothing is "changed" unless --apply wrote
// it, and whatever needs a person is named (it is what fails --check).
TEST(SummaryPrinterTest, CountsWrittenFilesAndSitesThatNeedReview) {
  std::ostringstream out;
  SummaryPrinter printer(out, SummaryOptions{true, /*applied=*/true});
  auto written =
      testing::makeOutcome("a.py", "x = 1\n", {testing::makeEdit(4, 1, "2")});
  written.outcome.written = true;
  written.outcome.findings.push_back(testing::makeFinding(4, 1));
  Finding review = testing::makeFinding(0, 1, FindingKind::NeedsReview);
  review.action = FindingAction::Reported;
  written.outcome.findings.push_back(review);
  printer.file(written.outcome);
  auto held = testing::makeOutcome("b.py", "y = 1\n");
  Finding key = testing::makeFinding(0, 1, FindingKind::HardcodedKey);
  key.action = FindingAction::Reported;
  Finding proxied = testing::makeFinding(0, 1, FindingKind::AlreadyProxied);
  proxied.action = FindingAction::Reported;
  proxied.severity = Severity::Note;
  held.outcome.findings = {key, proxied};
  printer.file(held.outcome);
  RunStats stats;
  stats.files_scanned = 2;
  stats.files_changed = 1;
  printer.endRun(stats);
  EXPECT_EQ(out.str(), "keyshift: 2 files scanned, 1 file changed, 2 sites "
                       "need review, 0 findings, 0 errors, 0 skipped\n");
}

} // namespace
} // namespace keyshift::report
