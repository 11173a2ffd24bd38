// Code that does not parse is never the base of a rewrite, and a client in
// it is never left unreported (issue 10 item 7; docs/RELIABILITY.md "Broken
// files"): an edit whose call is broken anywhere is dropped and reported,
// including an object literal with an empty element, which
// tree-sitter-javascript parses without an ERROR node; a client construction
// tree-sitter could not fit into a call is a `<language>.syntax-error`
// finding and nothing else in its file is rewritten.
#include "cli/cli_fixture.h"
#include "support/files.h"

#include <gtest/gtest.h>

namespace keyshift::cli {
namespace {

using keyshift::testing::readText;
using keyshift::testing::writeText;
using testing::CliTest;
using testing::Outcome;

bool has(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

TEST_F(CliTest, AnEditInABrokenObjectLiteralIsDroppedAndReported) {
  const std::string head = "import OpenAI from 'openai';\n";
  const std::vector<std::string> broken = {
      head + "const c = new OpenAI({ timeout: 30, , });\n",
      head + "const c = new OpenAI({ , timeout: 30 });\n",
      head + "const c = new OpenAI({ defaultHeaders: { a: '1', , }, "
             "timeout: 30 });\n",
  };
  const std::string fine = head + "const c = new OpenAI({ timeout: 30 });\n";
  for (const std::string &text : broken) {
    SCOPED_TRACE(text);
    writeText(dir_ / "app.js", text);
    writeText(dir_ / "fine.js", fine);
    Outcome r = run({"migrate", "--apply", "app.js", "fine.js"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(readText(dir_ / "app.js"), text);
    EXPECT_TRUE(has(r.out + r.err, "app.js:2:11"));
    EXPECT_TRUE(has(r.out + r.err, "not rewritten: the code around it does "
                                   "not parse"))
        << r.out << r.err;
    EXPECT_TRUE(has(readText(dir_ / "fine.js"), "https://gw.example/v1"))
        << "a whole object literal is still rewritten";
  }
}

TEST_F(CliTest, AClientInCodeThatDoesNotParseIsReported) {
  const std::string text = "import os\nfrom openai import OpenAI\n"
                           "key = os.environ[\"OPENAI_API_KEY\"]\n"
                           "c = OpenAI( ]\n";
  writeText(dir_ / "app.py", text);
  Outcome check = run({"check", "app.py"});
  EXPECT_EQ(check.code, 1) << check.err;
  EXPECT_TRUE(has(check.out, "app.py:4:1: warning: an OpenAI client is "
                             "constructed in code that does not parse"))
      << check.out;
  EXPECT_TRUE(has(check.out, "[python.syntax-error]")) << check.out;
  Outcome apply = run({"migrate", "--apply", "app.py"});
  EXPECT_EQ(readText(dir_ / "app.py"), text)
      << "the key read is not renamed: the broken client may send it";
  EXPECT_TRUE(has(apply.out + apply.err, "python.syntax-error"));
}

TEST_F(CliTest, ABrokenCallThatIsNotAClientChangesNothingElse) {
  // Only a name that resolves to a client is reported: other syntax errors
  // keep the engines' usual policy (edits touching them are dropped).
  const std::string text = "from openai import OpenAI\nc = OpenAI()\n"
                           "print( ]\n";
  writeText(dir_ / "app.py", text);
  Outcome r = run({"migrate", "--apply", "app.py"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(has(r.out + r.err, "syntax-error"));
  EXPECT_TRUE(has(readText(dir_ / "app.py"), "https://gw.example/v1"));
}

} // namespace
} // namespace keyshift::cli
