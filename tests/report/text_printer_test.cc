#include "report/text_printer.h"
#include "report_test_util.h"

#include <gtest/gtest.h>

#include <sstream>

namespace keyshift::report {
namespace {

using testing::makeFinding;
using testing::makeOutcome;

TEST(TextPrinterTest, OneCompilerStyleLinePerFindingInOrder) {
  std::ostringstream out;
  TextPrinter printer(out);
  auto o = makeOutcome("src/app.py", "a = 1\n\xC3\xA9 = OpenAI()\n");
  o.outcome.display_path = "app.py";
  Finding first = makeFinding(11, 8, FindingKind::ClientConstruction);
  first.rule_id = "py-openai-client";
  first.message = "OpenAI client talks to api.openai.com";
  Finding second = makeFinding(0, 1);
  second.severity = Severity::Error;
  o.outcome.findings = {first, second};
  printer.file(o.outcome);
  EXPECT_EQ(out.str(),
            "app.py:2:6: warning: OpenAI client talks to "
            "api.openai.com [py-openai-client]\n"
            "app.py:1:1: error: reads OPENAI_API_KEY [py-env-key]\n");
}

TEST(TextPrinterTest, ProblemsAreErrorsOrSkippedNotes) {
  std::ostringstream out;
  TextPrinter printer(out);
  printer.problem(
      FileProblem{"blob.bin", FileProblem::Kind::Skipped, "binary file"});
  printer.problem(
      FileProblem{"gone.py", FileProblem::Kind::Error, "cannot read file"});
  EXPECT_EQ(out.str(), "blob.bin: note: skipped: binary file\n"
                       "gone.py: error: cannot read file\n");
}

TEST(TextPrinterTest, ColourOnlyWhenAsked) {
  std::ostringstream out;
  TextPrinter printer(out, TextPrinterOptions{true, {}});
  auto o = makeOutcome("a.py", "x\n");
  o.outcome.findings = {makeFinding(0, 1)};
  printer.file(o.outcome);
  printer.problem(FileProblem{"b.bin", FileProblem::Kind::Skipped, "binary"});
  printer.problem(FileProblem{"c.py", FileProblem::Kind::Error, "unreadable"});
  EXPECT_EQ(out.str(),
            "\x1b[1ma.py:1:1:\x1b[0m \x1b[1;35mwarning:\x1b[0m reads "
            "OPENAI_API_KEY [py-env-key]\n"
            "\x1b[1mb.bin:\x1b[0m \x1b[1;36mnote:\x1b[0m skipped: binary\n"
            "\x1b[1mc.py:\x1b[0m \x1b[1;31merror:\x1b[0m unreadable\n");
}

TEST(TextPrinterTest, ControlBytesAndBadUtf8CannotBreakTheLine) {
  std::ostringstream out;
  TextPrinter printer(out);
  auto o = makeOutcome("a.py", "x\n");
  o.outcome.display_path = "evil\x1b[2J\xFF.py";
  Finding f = makeFinding(0, 1);
  f.message = "two\nlines";
  o.outcome.findings = {f};
  printer.file(o.outcome);
  EXPECT_EQ(out.str(), "evil\\x1B[2J\\xFF.py:1:1: warning: two\\x0Alines "
                       "[py-env-key]\n");
}

TEST(TextPrinterTest, RedactorRunsOverMessages) {
  std::ostringstream out;
  std::string key = testing::fakeProjectKey();
  TextPrinterOptions options;
  options.redactor = [&](std::string_view s) {
    std::string text(s);
    if (auto at = text.find(key); at != std::string::npos)
      text.replace(at, key.size(), "sk-proj-***");
    return text;
  };
  TextPrinter printer(out, options);
  auto o = makeOutcome("a.py", "x\n");
  Finding f = makeFinding(0, 1);
  f.message = "key " + key + " in code";
  o.outcome.findings = {f};
  printer.file(o.outcome);
  EXPECT_EQ(out.str(), "a.py:1:1: warning: key sk-proj-*** in code "
                       "[py-env-key]\n");
}

} // namespace
} // namespace keyshift::report
