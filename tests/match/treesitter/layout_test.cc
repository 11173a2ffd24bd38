#include "match/treesitter/layout.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace keyshift::ts {
namespace {

/// `text` with two entries added to its list, whose entries and comments
/// are the given substrings.
std::string add(const std::string &text, std::vector<std::string> entries,
                std::vector<std::string> comments = {},
                std::string_view pad = "") {
  ListShape list;
  // Braces when the list pads them, else parentheses.
  list.open = text.find(pad.empty() ? '(' : '{') + 1;
  list.close = text.rfind(pad.empty() ? ')' : '}');
  for (const auto &e : entries)
    list.entries.push_back(ByteRange{text.find(e), e.size()});
  for (const auto &c : comments)
    list.comments.push_back(ByteRange{text.find(c), c.size()});
  list.pad = pad;
  list.indent_unit = "    ";
  std::string out = text;
  auto edits = insertEntries(text, list, {"b=2", "c=3"}, "r");
  for (auto it = edits.rbegin(); it != edits.rend(); ++it)
    out.replace(it->range.offset, it->range.length, it->replacement);
  return out;
}

TEST(ListLayoutTest, OneLine) {
  EXPECT_EQ(add("f(a=1)", {"a=1"}), "f(a=1, b=2, c=3)");
  EXPECT_EQ(add("f(a=1,)", {"a=1"}), "f(a=1, b=2, c=3,)")
      << "a trailing comma stays last";
  EXPECT_EQ(add("f()", {}), "f(b=2, c=3)");
  EXPECT_EQ(add("f( )", {}), "f(b=2, c=3 )") << "blanks in () are kept";
  EXPECT_EQ(add("o({})", {}, {}, " "), "o({ b=2, c=3 })");
  EXPECT_EQ(add("o({ /* c */ })", {}, {"/* c */"}, " "),
            "o({ b=2, c=3, /* c */ })");
}

TEST(ListLayoutTest, OneEntryPerLine) {
  EXPECT_EQ(add("f(\n    a=1,\n)", {"a=1"}),
            "f(\n    a=1,\n    b=2,\n    c=3,\n)");
  EXPECT_EQ(add("f(\n    a=1\n)", {"a=1"}),
            "f(\n    a=1,\n    b=2,\n    c=3\n)");
  EXPECT_EQ(add("f(\r\n  a=1,\r\n)", {"a=1"}),
            "f(\r\n  a=1,\r\n  b=2,\r\n  c=3,\r\n)")
      << "line endings follow the file";
  EXPECT_EQ(add("f(\n)", {}), "f(\n    b=2,\n    c=3,\n)");
}

TEST(ListLayoutTest, CommentsStayWithTheirEntry) {
  EXPECT_EQ(add("f(\n    a=1,  # why\n)", {"a=1"}, {"# why"}),
            "f(\n    a=1,  # why\n    b=2,\n    c=3,\n)");
  EXPECT_EQ(add("f(\n    a=1  # why\n)", {"a=1"}, {"# why"}),
            "f(\n    a=1,  # why\n    b=2,\n    c=3\n)");
  EXPECT_EQ(add("o({\n  a: 1, // why\n})", {"a: 1"}, {"// why"}),
            "o({\n  a: 1, // why\n  b=2,\n  c=3,\n})");
}

TEST(TextLayoutTest, IndentationAndLineEnds) {
  std::string text = "a\n  b\r\nc";
  EXPECT_EQ(indentationAt(text, text.find('b')), "  ");
  EXPECT_EQ(newlineAt(text, text.find('b')), "\r\n");
  EXPECT_EQ(newlineAt(text, 0), "\n");
  EXPECT_TRUE(startsLine(text, text.find('b')));
  EXPECT_FALSE(startsLine(text, text.find('b') + 1));
  EXPECT_EQ(endOfLine(text, 0), 2u);
}

} // namespace
} // namespace keyshift::ts
