#include "report/unified_diff_printer.h"
#include "report_test_util.h"

#include <gtest/gtest.h>

#include <sstream>

namespace keyshift::report {
namespace {

using testing::makeEdit;
using testing::makeOutcome;

TEST(UnifiedDiffPrinterTest, PrintsChangedFilesInOrderAndSkipsOthers) {
  std::ostringstream out;
  UnifiedDiffPrinter printer(out);
  auto a = makeOutcome("a.py", "x\n", {makeEdit(0, 1, "y")});
  auto b = makeOutcome("b.py", "unchanged\n");
  auto c = makeOutcome("c.py", "p\n", {makeEdit(1, 0, "q")});
  printer.file(a.outcome);
  printer.file(b.outcome);
  printer.problem(FileProblem{"d.bin", FileProblem::Kind::Skipped, "binary"});
  printer.file(c.outcome);
  printer.endRun(RunStats{});
  EXPECT_EQ(out.str(), "diff --git a/a.py b/a.py\n"
                       "--- a/a.py\n"
                       "+++ b/a.py\n"
                       "@@ -1 +1 @@\n"
                       "-x\n"
                       "+y\n"
                       "diff --git a/c.py b/c.py\n"
                       "--- a/c.py\n"
                       "+++ b/c.py\n"
                       "@@ -1 +1 @@\n"
                       "-p\n"
                       "+pq\n");
  EXPECT_TRUE(printer.errors().empty());
}

TEST(UnifiedDiffPrinterTest, BadEditsAreRecordedNotPrinted) {
  std::ostringstream out;
  UnifiedDiffPrinter printer(out);
  auto a = makeOutcome("a.py", "x\n", {makeEdit(0, 1, "y")});
  a.outcome.new_content = "something else\n";
  printer.file(a.outcome);
  EXPECT_EQ(out.str(), "");
  ASSERT_EQ(printer.errors().size(), 1u);
  EXPECT_EQ(printer.errors()[0].message,
            "a.py: new content does not match the edits");
}

} // namespace
} // namespace keyshift::report
