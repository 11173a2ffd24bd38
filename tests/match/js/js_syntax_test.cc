#include "match/js/js_syntax.h"
#include "match/treesitter/tree.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace keyshift::js {
namespace {

const ProxyTarget kProxy{"https://llm-proxy.example/v1", "LLM_PROXY_KEY", ""};

/// The first node of `type` in document order.
TSNode firstOfType(TSNode root, std::string_view type) {
  std::vector<TSNode> stack{root};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    if (ts::nodeType(n) == type)
      return n;
    for (uint32_t i = ts_node_named_child_count(n); i-- > 0;)
      stack.push_back(ts_node_named_child(n, i));
  }
  return TSNode{};
}

/// Parses `source` and applies the shim import edit keyshift would add.
std::string withWrapImport(const std::string &source, const std::string &path,
                           Language dialect = Language::JavaScript) {
  auto tree = ts::Tree::parse(language(dialect), source);
  EXPECT_TRUE(tree.ok());
  ImportTable imports = ImportTable::build(tree->root(), source);
  Spelling spelling(kProxy, imports, tree->root(), source, path, "\n");
  auto edit = spelling.importWrapEdit("keyshift_shim.wrap", "r");
  if (!edit)
    return source;
  std::string out = source;
  out.insert(edit->range.offset, edit->replacement);
  return out;
}

TEST(JsSyntaxTest, ReadsStringAndTemplateLiterals) {
  std::string source = "a = 'x'; b = `u/${p}/v`; c = \"e\\n\";\n";
  auto tree = ts::Tree::parse(language(Language::JavaScript), source);
  ASSERT_TRUE(tree.ok());
  auto plain = readString(firstOfType(tree->root(), "string"), source);
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->quote, '\'');
  EXPECT_TRUE(plain->simple);
  EXPECT_EQ(plain->value, "x");
  auto tmpl = readString(firstOfType(tree->root(), "template_string"), source);
  ASSERT_TRUE(tmpl.has_value());
  EXPECT_EQ(tmpl->quote, '`');
  EXPECT_FALSE(tmpl->simple);
  ASSERT_EQ(tmpl->pieces.size(), 2u);
  EXPECT_EQ(source.substr(tmpl->pieces[0].offset, tmpl->pieces[0].length),
            "u/");
}

TEST(JsSyntaxTest, EnvReadsGiveTheNameRange) {
  std::string source = "k = process.env['OPENAI_API_KEY'];\n";
  auto tree = ts::Tree::parse(language(Language::JavaScript), source);
  ASSERT_TRUE(tree.ok());
  ImportTable imports = ImportTable::build(tree->root(), source);
  auto env = asEnvRead(firstOfType(tree->root(), "subscript_expression"),
                       source, imports);
  ASSERT_TRUE(env.has_value());
  EXPECT_EQ(env->name, "OPENAI_API_KEY");
  EXPECT_EQ(env->name_range.offset, source.find("OPENAI"));
  EXPECT_EQ(env->name_range.length, 14u);
}

TEST(JsSyntaxTest, ShimImportFollowsTheLastImportAndTheFileStyle) {
  EXPECT_EQ(
      withWrapImport("import a from 'a'\nimport b from 'b'\nrun()\n", "x.mjs"),
      "import a from 'a'\nimport b from 'b'\n"
      "import { wrap } from 'keyshift-shim'\nrun()\n");
  EXPECT_EQ(withWrapImport("const a = require(\"a\");\nrun();\n", "x.js"),
            "const a = require(\"a\");\n"
            "const { wrap } = require(\"keyshift-shim\");\nrun();\n");
  EXPECT_EQ(withWrapImport("\"use client\";\nrun();\n", "x.tsx", Language::Tsx),
            "\"use client\";\nimport { wrap } from \"keyshift-shim\";\n"
            "run();\n");
}

TEST(JsSyntaxTest, ShimImportUsesAnotherNameWhenWrapIsTaken) {
  EXPECT_EQ(withWrapImport("import { wrap } from './util';\n", "x.ts",
                           Language::TypeScript),
            "import { wrap } from './util';\n"
            "import { wrap as keyshift_wrap } from 'keyshift-shim';\n");
  EXPECT_EQ(withWrapImport("import { wrap } from 'keyshift-shim';\n", "x.js"),
            "import { wrap } from 'keyshift-shim';\n")
      << "already imported: nothing to add";
}

TEST(JsSyntaxTest, BaseUrlExpressionUsesTheUrlVariableWhenConfigured) {
  std::string source = "x = 1;\n";
  auto tree = ts::Tree::parse(language(Language::JavaScript), source);
  ASSERT_TRUE(tree.ok());
  ImportTable imports = ImportTable::build(tree->root(), source);
  ProxyTarget with_env{"https://llm-proxy.example/v1", "LLM_PROXY_KEY",
                       "LLM_PROXY_URL"};
  Spelling spelling(with_env, imports, tree->root(), source, "x.js", "\n");
  EXPECT_EQ(spelling.baseUrlExpr(),
            "process.env.LLM_PROXY_URL ?? \"https://llm-proxy.example/v1\"");
  EXPECT_EQ(spelling.keyExpr(), "process.env.LLM_PROXY_KEY");
  EXPECT_EQ(Spelling::npmSymbol("keyshift_shim.wrap"), "keyshift-shim.wrap");
  EXPECT_EQ(Spelling::npmSymbol("other_pkg.wrap"), "other_pkg.wrap");
}

} // namespace
} // namespace keyshift::js
