#include "match/docs/code_blocks.h"

#include <gtest/gtest.h>

namespace keyshift::docs {
namespace {

/// The document text each code byte maps to, as one string.
std::string rawOf(const CodeBlock &b, std::string_view doc) {
  std::string out;
  for (std::size_t i = 0; i + 1 < b.raw_at.size(); ++i)
    out.push_back(doc[b.raw_at[i]]);
  return out;
}

TEST(CodeBlocksTest, FencedBlocksWithKnownLanguages) {
  const std::string doc = "# Title\n\n"
                          "```python\nimport openai\n```\n\n"
                          "~~~ts title=\"x.ts\"\nconst a = 1;\n~~~\n\n"
                          "```text\nhttps://api.openai.com/v1\n```\n\n"
                          "```\nno language\n```\n\n"
                          "    indented code is not fenced\n";
  auto blocks = markdownBlocks(doc);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].language, Language::Python);
  EXPECT_EQ(blocks[0].code, "import openai\n");
  EXPECT_EQ(blocks[1].language, Language::TypeScript);
  EXPECT_EQ(blocks[1].code, "const a = 1;\n");
  for (const CodeBlock &b : blocks)
    EXPECT_EQ(rawOf(b, doc), b.code);
}

TEST(CodeBlocksTest, BlockQuoteAndListPrefixesAreNotCode) {
  const std::string doc = "> ```python\n"
                          "> import os\n"
                          "> key = os.environ['K']\n"
                          "> ```\n\n"
                          "1. Step:\n\n"
                          "   ```bash\n"
                          "   export A=1\n"
                          "     indented\n"
                          "   ```\n";
  auto blocks = markdownBlocks(doc);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].code, "import os\nkey = os.environ['K']\n");
  EXPECT_EQ(blocks[0].line_prefix, "> ");
  EXPECT_EQ(blocks[1].kind, BlockKind::Shell);
  EXPECT_EQ(blocks[1].code, "export A=1\n  indented\n");
  EXPECT_EQ(blocks[1].line_prefix, "   ");
  for (const CodeBlock &b : blocks)
    EXPECT_EQ(rawOf(b, doc), b.code);
  // A range within one line maps; one across a prefix does not.
  auto inside = blocks[0].toRaw(ByteRange{0, 6});
  ASSERT_TRUE(inside.has_value());
  EXPECT_EQ(doc.substr(inside->offset, inside->length), "import");
  EXPECT_FALSE(blocks[0].toRaw(ByteRange{7, 6}).has_value());
  EXPECT_EQ(blocks[0].escape("import os\n"), "import os\n> ");
}

TEST(CodeBlocksTest, InsertedLinesTakeTheLinePrefix) {
  const std::string doc = "- item\n\n"
                          "  ```python\n"
                          "  from openai import OpenAI\n"
                          "\n"
                          "  client = OpenAI()\n"
                          "  ```\n";
  auto blocks = markdownBlocks(doc);
  ASSERT_EQ(blocks.size(), 1u);
  const CodeBlock &b = blocks[0];
  ASSERT_EQ(b.code, "from openai import OpenAI\n\nclient = OpenAI()\n");
  // A line inserted before the blank line, which has no prefix of its own.
  Edit insert{ByteRange{26, 0}, "import os\n"};
  auto raw = b.toRaw(insert, doc);
  ASSERT_TRUE(raw.has_value());
  std::string out = doc;
  out.replace(raw->range.offset, raw->range.length, raw->replacement);
  EXPECT_EQ(out, "- item\n\n  ```python\n  from openai import OpenAI\n"
                 "  import os\n\n  client = OpenAI()\n  ```\n");
  // Mid-line text keeps its place.
  Edit rename{ByteRange{36, 6}, "Client"};
  raw = b.toRaw(rename, doc);
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(doc.substr(raw->range.offset, raw->range.length), "OpenAI");
  EXPECT_EQ(raw->replacement, "Client");
}

TEST(CodeBlocksTest, InfoStrings) {
  EXPECT_EQ(blockLanguage("py")->second, Language::Python);
  EXPECT_EQ(blockLanguage("JavaScript")->second, Language::JavaScript);
  EXPECT_EQ(blockLanguage("{code-block} python")->second, Language::Python);
  EXPECT_EQ(blockLanguage("tsx {1,3}")->second, Language::Tsx);
  EXPECT_EQ(blockLanguage("c++")->first, BlockKind::Cpp);
  EXPECT_EQ(blockLanguage("console")->first, BlockKind::Shell);
  EXPECT_EQ(blockLanguage("dotenv")->second, Language::Env);
  EXPECT_FALSE(blockLanguage("text").has_value());
  EXPECT_FALSE(blockLanguage("").has_value());
  EXPECT_FALSE(blockLanguage("pythonic").has_value());
}

TEST(CodeBlocksTest, RstDirectives) {
  const std::string doc = "Guide\n=====\n\n"
                          ".. code-block:: python\n"
                          "   :linenos:\n\n"
                          "   import os\n\n"
                          "   key = os.environ['K']\n\n"
                          "Prose again.\n\n"
                          ".. code:: text\n\n"
                          "   not read\n\n"
                          "   .. sourcecode:: bash\n\n"
                          "      export B=2 (text of the block above)\n\n"
                          ".. sourcecode:: bash\n\n"
                          "   export A=1\n";
  auto blocks = rstBlocks(doc);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].language, Language::Python);
  EXPECT_EQ(blocks[0].code, "import os\n\nkey = os.environ['K']\n");
  EXPECT_EQ(blocks[0].line_prefix, "   ");
  EXPECT_EQ(blocks[1].kind, BlockKind::Shell);
  EXPECT_EQ(blocks[1].code, "export A=1\n");
  for (const CodeBlock &b : blocks)
    EXPECT_EQ(rawOf(b, doc), b.code);
}

TEST(CodeBlocksTest, UnterminatedFenceRunsToTheEnd) {
  const std::string doc = "```python\nx = 1\n";
  auto blocks = markdownBlocks(doc);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].code, "x = 1\n");
}

} // namespace
} // namespace keyshift::docs
