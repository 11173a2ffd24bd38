#include "base/content_hash.h"
#include "base/terminal_text.h"

#include <gtest/gtest.h>

namespace keyshift {
namespace {

TEST(TerminalTextTest, ControlBytesAreEscaped) {
  EXPECT_EQ(escapeForTerminal("A\x1B[31mB\x07"), "A\\x1B[31mB\\x07");
  EXPECT_EQ(escapeForTerminal("a\tb\nc\rd\x7F"), "a\\x09b\\x0Ac\\x0Dd\\x7F");
}

TEST(TerminalTextTest, C1ControlsAndBadUtf8AreEscapedTextIsKept) {
  EXPECT_EQ(escapeForTerminal("\xC2\x9B"
                              "2J"),
            "\\u009B2J");
  EXPECT_EQ(escapeForTerminal("\xFF"
                              "x\xC3"),
            "\\xFFx\\xC3");
  EXPECT_EQ(escapeForTerminal("caf\xC3\xA9 \xE2\x82\xAC"),
            "caf\xC3\xA9 \xE2\x82\xAC");
}

TEST(TerminalTextTest, OneLineFoldsLayoutButKeepsSpacing) {
  // A quoted multi-line expression (mem0's base URL) reads on one line;
  // runs of plain spaces are the author's and stay.
  EXPECT_EQ(oneLine("base URL from (os.getenv(\"X\")\n        or cfg.url)"),
            "base URL from (os.getenv(\"X\") or cfg.url)");
  EXPECT_EQ(oneLine("a\r\n\tb  c"), "a b  c");
  EXPECT_EQ(oneLine("no layout"), "no layout");
  EXPECT_EQ(oneLine(""), "");
}

TEST(ContentHashTest, AnyEditChangesTheHash) {
  EXPECT_EQ(contentHash("import os\n"), contentHash("import os\n"));
  EXPECT_NE(contentHash("import os\n"), contentHash("import os\n\n"));
  EXPECT_NE(contentHash("ab"), contentHash("ba"));
  EXPECT_NE(contentHash(""), contentHash(std::string(1, '\0')));
}

} // namespace
} // namespace keyshift
