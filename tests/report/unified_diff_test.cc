#include "report/unified_diff.h"
#include "report_test_util.h"

#include <gtest/gtest.h>

namespace keyshift::report {
namespace {

using testing::makeEdit;
using testing::makeOutcome;

constexpr std::string_view kTenLines =
    "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n";

/// Offset of the start of 1-based line `n` in kTenLines-like text.
std::size_t lineOffset(std::string_view text, std::size_t n) {
  std::size_t pos = 0;
  for (std::size_t i = 1; i < n; ++i)
    pos = text.find('\n', pos) + 1;
  return pos;
}

std::string diffOf(const FileOutcome &outcome) {
  auto diff = unifiedDiff(outcome);
  EXPECT_TRUE(diff.ok()) << (diff.ok() ? "" : diff.error().message);
  return diff.ok() ? *diff : std::string();
}

TEST(UnifiedDiffTest, NoEditsGivesNoOutput) {
  auto o = makeOutcome("app.py", "x = 1\n");
  EXPECT_EQ(diffOf(o.outcome), "");
}

TEST(UnifiedDiffTest, EditsThatChangeNothingGiveNoOutput) {
  auto o = makeOutcome("app.py", "x = 1\n", {makeEdit(0, 1, "x")});
  EXPECT_EQ(diffOf(o.outcome), "");
}

TEST(UnifiedDiffTest, ReplacementInTheMiddleHasThreeLinesOfContext) {
  auto o = makeOutcome("src/app.py", std::string(kTenLines),
                       {makeEdit(lineOffset(kTenLines, 5), 2, "L5")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/src/app.py b/src/app.py\n"
                               "--- a/src/app.py\n"
                               "+++ b/src/app.py\n"
                               "@@ -2,7 +2,7 @@\n"
                               " l2\n"
                               " l3\n"
                               " l4\n"
                               "-l5\n"
                               "+L5\n"
                               " l6\n"
                               " l7\n"
                               " l8\n");
}

TEST(UnifiedDiffTest, TwoEditsOnOneLineAreOneChange) {
  auto o = makeOutcome("a.py", "f(a, b)\n",
                       {makeEdit(2, 1, "x"), makeEdit(5, 1, "y")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1 +1 @@\n"
                               "-f(a, b)\n"
                               "+f(x, y)\n");
}

TEST(UnifiedDiffTest, ChangesSixLinesApartShareOneHunk) {
  // Lines 2 and 9: six unchanged lines between, contexts touch.
  auto o = makeOutcome("a.py", std::string(kTenLines),
                       {makeEdit(lineOffset(kTenLines, 2), 2, "L2"),
                        makeEdit(lineOffset(kTenLines, 9), 2, "L9")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1,10 +1,10 @@\n"
                               " l1\n"
                               "-l2\n"
                               "+L2\n"
                               " l3\n"
                               " l4\n"
                               " l5\n"
                               " l6\n"
                               " l7\n"
                               " l8\n"
                               "-l9\n"
                               "+L9\n"
                               " l10\n");
}

TEST(UnifiedDiffTest, ChangesSevenLinesApartGetTwoHunks) {
  std::string text(kTenLines);
  text += "l11\nl12\n";
  auto o = makeOutcome("a.py", text,
                       {makeEdit(lineOffset(text, 1), 2, "L1"),
                        makeEdit(lineOffset(text, 9), 2, "L9")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1,4 +1,4 @@\n"
                               "-l1\n"
                               "+L1\n"
                               " l2\n"
                               " l3\n"
                               " l4\n"
                               "@@ -6,7 +6,7 @@\n"
                               " l6\n"
                               " l7\n"
                               " l8\n"
                               "-l9\n"
                               "+L9\n"
                               " l10\n"
                               " l11\n"
                               " l12\n");
}

TEST(UnifiedDiffTest, InsertedLinesShiftTheNextHunk) {
  std::string text(kTenLines);
  text += "l11\nl12\n";
  auto o = makeOutcome("a.py", text,
                       {makeEdit(0, 0, "import os\nimport sys\n"),
                        makeEdit(lineOffset(text, 10), 4, "")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1,3 +1,5 @@\n"
                               "+import os\n"
                               "+import sys\n"
                               " l1\n"
                               " l2\n"
                               " l3\n"
                               "@@ -7,6 +9,5 @@\n"
                               " l7\n"
                               " l8\n"
                               " l9\n"
                               "-l10\n"
                               " l11\n"
                               " l12\n");
}

TEST(UnifiedDiffTest, LineAppendedAfterTheLastLine) {
  auto o = makeOutcome("a.py", "a\nb\n", {makeEdit(4, 0, "c\n")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1,2 +1,3 @@\n"
                               " a\n"
                               " b\n"
                               "+c\n");
}

TEST(UnifiedDiffTest, MissingFinalNewlineIsMarkedOnBothSides) {
  auto o = makeOutcome("a.py", "a\nkey = 1", {makeEdit(8, 1, "2")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1,2 +1,2 @@\n"
                               " a\n"
                               "-key = 1\n"
                               "\\ No newline at end of file\n"
                               "+key = 2\n"
                               "\\ No newline at end of file\n");
}

TEST(UnifiedDiffTest, UnchangedLastLineWithoutNewlineIsMarkedOnce) {
  auto o = makeOutcome("a.py", "a\nb", {makeEdit(0, 1, "A")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1,2 +1,2 @@\n"
                               "-a\n"
                               "+A\n"
                               " b\n"
                               "\\ No newline at end of file\n");
}

TEST(UnifiedDiffTest, AddingTheFinalNewlineMarksOnlyTheOldSide) {
  auto o = makeOutcome("a.py", "a\nb", {makeEdit(3, 0, "\n")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1,2 +1,2 @@\n"
                               " a\n"
                               "-b\n"
                               "\\ No newline at end of file\n"
                               "+b\n");
}

TEST(UnifiedDiffTest, RemovingTheFinalNewlineMarksOnlyTheNewSide) {
  auto o = makeOutcome("a.py", "a\nb\n", {makeEdit(3, 1, "")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1,2 +1,2 @@\n"
                               " a\n"
                               "-b\n"
                               "+b\n"
                               "\\ No newline at end of file\n");
}

TEST(UnifiedDiffTest, DeletingANewlineJoinsTheNextLineIntoTheChange) {
  auto o = makeOutcome("a.py", "a\nb\nc\n", {makeEdit(1, 1, " ")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1,3 +1,2 @@\n"
                               "-a\n"
                               "-b\n"
                               "+a b\n"
                               " c\n");
}

TEST(UnifiedDiffTest, CrLfLinesAreCopiedByteForByte) {
  auto o = makeOutcome("a.py", "a\r\nb\r\n", {makeEdit(3, 0, "x = 1\r\n")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1,2 +1,3 @@\n"
                               " a\r\n"
                               "+x = 1\r\n"
                               " b\r\n");
}

TEST(UnifiedDiffTest, ByteOrderMarkStaysOnLineOne) {
  auto o = makeOutcome("a.py",
                       "\xEF\xBB\xBF"
                       "a\nb\n",
                       {makeEdit(0, 1, "A")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1,2 +1,2 @@\n"
                               "-\xEF\xBB\xBF"
                               "a\n"
                               "+\xEF\xBB\xBF"
                               "A\n"
                               " b\n");
}

TEST(UnifiedDiffTest, InsertionAfterAByteOrderMarkEditsLineOne) {
  auto o = makeOutcome("a.py",
                       "\xEF\xBB\xBF"
                       "a\n",
                       {makeEdit(0, 0, "import os\n")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1 +1,2 @@\n"
                               "-\xEF\xBB\xBF"
                               "a\n"
                               "+\xEF\xBB\xBF"
                               "import os\n"
                               "+a\n");
}

TEST(UnifiedDiffTest, EmptyFileGainsLines) {
  auto o = makeOutcome("a.py", "", {makeEdit(0, 0, "x\n")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -0,0 +1 @@\n"
                               "+x\n");
}

TEST(UnifiedDiffTest, FileEmptiedEntirely) {
  auto o = makeOutcome("a.py", "x\ny\n", {makeEdit(0, 4, "")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/a.py b/a.py\n"
                               "--- a/a.py\n"
                               "+++ b/a.py\n"
                               "@@ -1,2 +0,0 @@\n"
                               "-x\n"
                               "-y\n");
}

TEST(UnifiedDiffTest, PathWithASpaceEndsHeaderNamesWithATab) {
  auto o = makeOutcome("my dir/a.py", "x\n", {makeEdit(0, 1, "y")});
  EXPECT_EQ(diffOf(o.outcome), "diff --git a/my dir/a.py b/my dir/a.py\n"
                               "--- a/my dir/a.py\t\n"
                               "+++ b/my dir/a.py\t\n"
                               "@@ -1 +1 @@\n"
                               "-x\n"
                               "+y\n");
}

TEST(UnifiedDiffTest, PathWithAQuoteIsCQuoted) {
  auto o = makeOutcome("say\"hi\".py", "x\n", {makeEdit(0, 1, "y")});
  EXPECT_EQ(diffOf(o.outcome),
            "diff --git \"a/say\\\"hi\\\".py\" \"b/say\\\"hi\\\".py\"\n"
            "--- \"a/say\\\"hi\\\".py\"\n"
            "+++ \"b/say\\\"hi\\\".py\"\n"
            "@@ -1 +1 @@\n"
            "-x\n"
            "+y\n");
}

TEST(UnifiedDiffTest, OverlappingEditsAreRejected) {
  auto o = makeOutcome("a.py", "abcdef\n", {});
  o.outcome.edits = {makeEdit(0, 3, "x"), makeEdit(2, 2, "y")};
  o.outcome.new_content = "xy";
  auto diff = unifiedDiff(o.outcome);
  ASSERT_FALSE(diff.ok());
  EXPECT_EQ(diff.error().message,
            "a.py: edit at offset 2 overlaps or precedes the edit before it");
}

TEST(UnifiedDiffTest, EditPastTheEndIsRejected) {
  auto o = makeOutcome("a.py", "ab\n", {});
  o.outcome.edits = {makeEdit(2, 5, "")};
  auto diff = unifiedDiff(o.outcome);
  ASSERT_FALSE(diff.ok());
  EXPECT_EQ(diff.error().message,
            "a.py: edit at offset 2 runs past the end of the file");
}

TEST(UnifiedDiffTest, NewContentThatDisagreesWithTheEditsIsRejected) {
  auto o = makeOutcome("a.py", "ab\n", {makeEdit(0, 1, "x")});
  o.outcome.new_content = "zb\n";
  auto diff = unifiedDiff(o.outcome);
  ASSERT_FALSE(diff.ok());
  EXPECT_EQ(diff.error().message, "a.py: new content does not match the edits");
}

TEST(UnifiedDiffTest, PathOutsideTheRepositoryIsRejected) {
  auto o = makeOutcome("../a.py", "ab\n", {makeEdit(0, 1, "x")});
  auto diff = unifiedDiff(o.outcome);
  ASSERT_FALSE(diff.ok());
  EXPECT_EQ(diff.error().code, ErrorCode::Input);
  EXPECT_EQ(diff.error().message,
            "../a.py: cannot write a diff for a path outside the repository");
}

} // namespace
} // namespace keyshift::report
