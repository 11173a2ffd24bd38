#include "secrets/inline_ignore.h"

#include <gtest/gtest.h>

#include <string>

namespace keyshift::secrets {
namespace {

constexpr std::string_view kRule = "python.hardcoded-key";

// The offset of the first "KEY" in `content`: where the finding is.
bool ignored(std::string_view content, Language lang,
             std::string_view rule = kRule) {
  const std::size_t offset = content.find("KEY");
  EXPECT_NE(offset, std::string_view::npos);
  return isIgnoredInline(content, offset, rule, lang);
}

TEST(InlineIgnoreTest, PythonTrailingComment) {
  EXPECT_TRUE(
      ignored("x = 1\nk = \"KEY\"  # keyshift: ignore\n", Language::Python));
  EXPECT_TRUE(ignored("k = \"KEY\"  #keyshift:ignore\n", Language::Python));
  EXPECT_FALSE(ignored("k = \"KEY\"\n", Language::Python));
  EXPECT_FALSE(ignored("k = \"KEY\"  # keyshift: ignored\n", Language::Python));
  EXPECT_FALSE(
      ignored("k = \"KEY\"  # not keyshift: ignore-me\n", Language::Python));
}

TEST(InlineIgnoreTest, RuleSpecificIgnoreNamesTheRule) {
  EXPECT_TRUE(ignored("k = \"KEY\"  # keyshift: ignore[python.hardcoded-key]\n",
                      Language::Python));
  EXPECT_TRUE(
      ignored("k = \"KEY\"  # keyshift: ignore[a, python.hardcoded-key ]\n",
              Language::Python));
  EXPECT_FALSE(ignored("k = \"KEY\"  # keyshift: ignore[python.env-key-ref]\n",
                       Language::Python));
  EXPECT_FALSE(ignored("k = \"KEY\"  # keyshift: ignore[python.hardcoded]\n",
                       Language::Python));
  // Unclosed list: suppress nothing rather than everything.
  EXPECT_FALSE(ignored("k = \"KEY\"  # keyshift: ignore[python.hardcoded-key\n",
                       Language::Python));
}

TEST(InlineIgnoreTest, CommentOnlyLineAboveApplies) {
  EXPECT_TRUE(ignored("# keyshift: ignore\nk = \"KEY\"\n", Language::Python));
  EXPECT_TRUE(ignored("def f():\n    # keyshift: ignore[python.hardcoded-key]\n"
                      "    k = \"KEY\"\n",
                      Language::Python));
  EXPECT_FALSE(
      ignored("# keyshift: ignore\n\nk = \"KEY\"\n", Language::Python));
}

TEST(InlineIgnoreTest, TrailingCommentOnLineAboveDoesNotApply) {
  EXPECT_FALSE(
      ignored("a = 1  # keyshift: ignore\nk = \"KEY\"\n", Language::Python));
}

TEST(InlineIgnoreTest, DirectiveInsideAStringIsNotAComment) {
  EXPECT_FALSE(ignored("k = \"KEY # keyshift: ignore\"\n", Language::Python));
  EXPECT_FALSE(
      ignored("k = 'KEY', \"# keyshift: ignore\"\n", Language::Python));
  EXPECT_FALSE(
      ignored("k = \"\"\"KEY # keyshift: ignore\"\"\"\n", Language::Python));
  EXPECT_TRUE(
      ignored("k = \"KEY \\\" x\"  # keyshift: ignore\n", Language::Python));
  EXPECT_FALSE(
      ignored("const k = `KEY // keyshift: ignore`;\n", Language::JavaScript));
  EXPECT_FALSE(
      ignored("auto k = \"KEY // keyshift: ignore\";\n", Language::Cpp));
}

TEST(InlineIgnoreTest, SlashCommentsInJavaScriptTypeScriptAndCpp) {
  for (Language lang : {Language::JavaScript, Language::TypeScript,
                        Language::Tsx, Language::Cpp}) {
    SCOPED_TRACE(std::string(languageName(lang)));
    EXPECT_TRUE(ignored("k = \"KEY\"; // keyshift: ignore\n", lang));
    EXPECT_TRUE(ignored("k = \"KEY\"; /* keyshift: ignore */\n", lang));
    EXPECT_TRUE(ignored("// keyshift: ignore\nk = \"KEY\";\n", lang));
    EXPECT_TRUE(ignored("/* keyshift: ignore[python.hardcoded-key] */\n"
                        "k = \"KEY\";\n",
                        lang));
    EXPECT_FALSE(ignored("k = \"KEY\"; # keyshift: ignore\n", lang));
    EXPECT_FALSE(ignored("k = \"KEY\"; // keyshift: ignore[other]\n", lang));
  }
}

TEST(InlineIgnoreTest, CppDigitSeparatorsAreNotQuotes) {
  EXPECT_TRUE(ignored("int n = 1'000; auto k = \"KEY\"; // keyshift: ignore\n",
                      Language::Cpp));
  EXPECT_TRUE(ignored("char c = '\"'; auto k = \"KEY\"; // keyshift: ignore\n",
                      Language::Cpp));
}

TEST(InlineIgnoreTest, HashCommentsInEnvYamlAndToml) {
  EXPECT_TRUE(
      ignored("OPENAI_API_KEY=KEY # keyshift: ignore\n", Language::Env));
  EXPECT_TRUE(
      ignored("# keyshift: ignore\nOPENAI_API_KEY=KEY\n", Language::Env));
  // .env and YAML need a blank before '#': "a#b" is part of the value.
  EXPECT_FALSE(ignored("OPENAI_API_KEY=KEY#keyshift:ignore\n", Language::Env));
  EXPECT_TRUE(
      ignored("env:\n  KEY: \"x\"  # keyshift: ignore\n", Language::Yaml));
  EXPECT_FALSE(
      ignored("env:\n  KEY: \"x # keyshift: ignore\"\n", Language::Yaml));
  // An apostrophe in a plain value does not open a string.
  EXPECT_TRUE(ignored("note: it's KEY  # keyshift: ignore\n", Language::Yaml));
  EXPECT_TRUE(ignored("key = \"KEY\" # keyshift: ignore\n", Language::Toml));
  EXPECT_TRUE(ignored("key = \"KEY\"# keyshift: ignore\n", Language::Toml));
  EXPECT_FALSE(ignored("key = 'KEY # keyshift: ignore'\n", Language::Toml));
}

TEST(InlineIgnoreTest, FilesWithoutKnownCommentsTakeTheDirectiveAnywhere) {
  // JSON (JSONC dialects have //), Dockerfiles, shell, INI, logs.
  EXPECT_TRUE(
      ignored("{\"k\": \"KEY\"} // keyshift: ignore\n", Language::Json));
  EXPECT_TRUE(ignored("ENV K=KEY # keyshift: ignore\n", Language::Unknown));
  EXPECT_TRUE(ignored("# keyshift: ignore\nKEY\n", Language::Unknown));
  EXPECT_TRUE(ignored("; keyshift: ignore\nk=KEY\n", Language::Unknown));
  EXPECT_TRUE(
      ignored("  REM keyshift: ignore\nset K=KEY\n", Language::Unknown));
  // The line above counts only as a comment of its own.
  EXPECT_FALSE(ignored("x=1 keyshift: ignore\nk=KEY\n", Language::Unknown));
  EXPECT_FALSE(ignored("k=KEY\n", Language::Unknown));
  EXPECT_FALSE(ignored("k=KEY # keyshift: ignored\n", Language::Unknown));
}

// The offset of the first "KEY": where the finding is.
bool foreign(std::string_view content) {
  return hasForeignIgnore(content, content.find("KEY"));
}

TEST(ForeignIgnoreTest, OtherScannersMarkersOnTheLine) {
  EXPECT_TRUE(foreign("k = \"KEY\" # gitleaks:allow\n"));
  EXPECT_TRUE(foreign("k = \"KEY\"  # pragma: allowlist secret\n"));
  EXPECT_TRUE(foreign("k = \"KEY\" // trufflehog:ignore\n"));
  EXPECT_TRUE(foreign("k = \"KEY\" // secretlint-disable-line\n"));
  EXPECT_FALSE(foreign("k = \"KEY\"\n# gitleaks:allow\n"));
  EXPECT_FALSE(foreign("# gitleaks:allow\nk = \"KEY\"\n"))
      << "gitleaks:allow covers its own line only";
}

TEST(ForeignIgnoreTest, NextLineMarkersOnTheLineAbove) {
  EXPECT_TRUE(foreign("# pragma: allowlist nextline secret\nk = KEY\n"));
  EXPECT_TRUE(foreign("// secretlint-disable-next-line\nk = KEY\n"));
  EXPECT_FALSE(foreign("// secretlint-disable-next-line\n\nk = KEY\n"));
}

TEST(InlineIgnoreTest, NotebookCommentsInsideCellSource) {
  EXPECT_TRUE(ignored("  \"source\": [\n"
                      "    \"k = \\\"KEY\\\"  # keyshift: ignore\\n\",\n",
                      Language::Notebook));
  EXPECT_TRUE(ignored("    \"# keyshift: ignore\\n\",\n"
                      "    \"k = \\\"KEY\\\"\\n\",\n",
                      Language::Notebook));
  EXPECT_FALSE(ignored("    \"k = \\\"KEY # keyshift: ignore\\\"\\n\",\n",
                       Language::Notebook));
}

TEST(InlineIgnoreTest, MarkdownHtmlComments) {
  EXPECT_TRUE(ignored("<!-- keyshift: ignore -->\nKEY\n", Language::Markdown));
  EXPECT_FALSE(ignored("# keyshift: ignore\nKEY\n", Language::Markdown));
}

TEST(InlineIgnoreTest, CrLfLinesAndOffsetsAtLineEdges) {
  const std::string crlf = "# keyshift: ignore\r\nk = \"KEY\"\r\n";
  EXPECT_TRUE(ignored(crlf, Language::Python));
  const std::string text = "k = 1  # keyshift: ignore\nz = 2\n";
  EXPECT_TRUE(isIgnoredInline(text, 0, kRule, Language::Python));
  // The '\n' belongs to the line it ends.
  EXPECT_TRUE(isIgnoredInline(text, text.find('\n'), kRule, Language::Python));
  EXPECT_FALSE(isIgnoredInline(text, text.find('z'), kRule, Language::Python));
  EXPECT_FALSE(
      isIgnoredInline(text, text.size() + 10, kRule, Language::Python));
}

} // namespace
} // namespace keyshift::secrets
