// The review formats of `migrate`: a coloured diff, the edits as JSON Lines,
// and clang-apply-replacements YAML.
#include "report/edits_json_writer.h"
#include "report/replacements_yaml_writer.h"
#include "report/unified_diff_printer.h"
#include "report_test_util.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace keyshift::report {
namespace {

using testing::makeEdit;
using testing::makeFinding;
using testing::makeOutcome;

TEST(ColourDiffTest, GitColoursAndARemovedLineThatLooksLikeAHeader) {
  std::string diff = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n"
                     " keep\n--- looks like a header\n+new\n";
  EXPECT_EQ(colourDiff(diff), "\x1b[1mdiff --git a/x b/x\x1b[m\n"
                              "\x1b[1m--- a/x\x1b[m\n"
                              "\x1b[1m+++ b/x\x1b[m\n"
                              "\x1b[36m@@ -1,2 +1,2 @@\x1b[m\n"
                              " keep\n"
                              "\x1b[31m--- looks like a header\x1b[m\n"
                              "\x1b[32m+new\x1b[m\n");
}

TEST(ColourDiffTest, PrinterColoursOnlyWhenAsked) {
  auto o = makeOutcome("a.py", "x = 1\n", {makeEdit(4, 1, "2")});
  std::ostringstream plain, coloured;
  UnifiedDiffPrinter(plain).file(o.outcome);
  UnifiedDiffPrinter(coloured, true).file(o.outcome);
  EXPECT_EQ(plain.str().find('\x1b'), std::string::npos);
  EXPECT_EQ(coloured.str(), colourDiff(plain.str()));
}

TEST(EditsJsonWriterTest, OneObjectPerChangedFileWithDiskOffsets) {
  std::ostringstream out;
  EditsJsonWriter writer(out);
  // With a BOM, offsets count its three bytes: they are file offsets.
  auto o = makeOutcome("src/a.py", "\xEF\xBB\xBFx = 1\ny = 2\n",
                       {makeEdit(4, 1, "\"two\"\n"), makeEdit(10, 1, "3")});
  writer.file(o.outcome);
  writer.file(makeOutcome("same.py", "z\n").outcome);
  std::string line = out.str();
  ASSERT_EQ(std::count(line.begin(), line.end(), '\n'), 1) << line;
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["schema"], 1);
  EXPECT_EQ(j["file"], "src/a.py");
  ASSERT_EQ(j["edits"].size(), 2u);
  EXPECT_EQ(j["edits"][0]["offset"], 7);
  EXPECT_EQ(j["edits"][0]["length"], 1);
  EXPECT_EQ(j["edits"][0]["line"], 1);
  EXPECT_EQ(j["edits"][0]["column"], 5);
  EXPECT_EQ(j["edits"][0]["replacement"], "\"two\"\n");
  EXPECT_EQ(j["edits"][0]["rule"], "test-rule");
  EXPECT_EQ(j["edits"][1]["offset"], 13);
  EXPECT_EQ(j["edits"][1]["line"], 2);
  EXPECT_EQ(j["edits"][1]["end_column"], 6);
}

TEST(ReplacementsYamlWriterTest, YamlQuotingEscapesWhatYamlWouldFold) {
  EXPECT_EQ(yamlQuoted("a\"b\\c\nd\te\x01"), "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  EXPECT_EQ(yamlQuoted("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
}

TEST(ReplacementsYamlWriterTest, OneDiagnosticPerEditWithAbsolutePaths) {
  std::ostringstream out;
  ReplacementsYamlWriter writer(out, "/repo");
  auto o = makeOutcome("a.py", "x = 1\n", {makeEdit(4, 1, "2")});
  Finding f = makeFinding(0, 5);
  f.rule_id = "test-rule";
  f.message = "point it at the proxy";
  o.outcome.findings = {f};
  writer.file(o.outcome);
  writer.endRun({});
  EXPECT_EQ(out.str(), "---\n"
                       "MainSourceFile:  \"\"\n"
                       "Diagnostics:\n"
                       "  - DiagnosticName:  \"keyshift-test-rule\"\n"
                       "    DiagnosticMessage:\n"
                       "      Message:         \"point it at the proxy\"\n"
                       "      FilePath:        \"/repo/a.py\"\n"
                       "      FileOffset:      4\n"
                       "      Replacements:\n"
                       "        - FilePath:        \"/repo/a.py\"\n"
                       "          Offset:          4\n"
                       "          Length:          1\n"
                       "          ReplacementText: \"2\"\n"
                       "    Level:           Warning\n"
                       "...\n");
}

TEST(ReplacementsYamlWriterTest, NothingToFixIsAnEmptyList) {
  std::ostringstream out;
  ReplacementsYamlWriter writer(out, "/repo");
  writer.file(makeOutcome("a.py", "x\n").outcome);
  writer.endRun({});
  EXPECT_EQ(out.str(),
            "---\nMainSourceFile:  \"\"\nDiagnostics:     []\n...\n");
}

} // namespace
} // namespace keyshift::report
