#include "match/js/imports.h"
#include "match/js/js_syntax.h"
#include "match/treesitter/tree.h"

#include <gtest/gtest.h>

#include <vector>

namespace keyshift::js {
namespace {

/// Resolves every `new X()` constructor in `source`, in document order.
std::vector<std::string> constructors(const std::string &source,
                                      Language dialect = Language::JavaScript) {
  auto tree = ts::Tree::parse(language(dialect), source);
  EXPECT_TRUE(tree.ok());
  EXPECT_EQ(tree->errorCount(), 0u) << source;
  ImportTable table = ImportTable::build(tree->root(), source);
  std::vector<std::string> out;
  std::vector<TSNode> stack{tree->root()};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    if (ts::nodeType(n) == "new_expression")
      out.push_back(table.resolve(ts::childByField(n, "constructor"), source)
                        .value_or("?"));
    for (uint32_t i = ts_node_named_child_count(n); i-- > 0;)
      stack.push_back(ts_node_named_child(n, i));
  }
  return out;
}

TEST(JsImportTableTest, ResolvesEsmImportForms) {
  EXPECT_EQ(
      constructors("import OpenAI from 'openai';\n"
                   "import { OpenAI as OAI, AzureOpenAI } from 'openai';\n"
                   "import * as oa from 'openai';\n"
                   "new OpenAI(); new OAI(); new AzureOpenAI();\n"
                   "new oa.OpenAI();\n"),
      (std::vector<std::string>{"openai.default", "openai.OpenAI",
                                "openai.AzureOpenAI", "openai.OpenAI"}));
}

TEST(JsImportTableTest, ResolvesRequireForms) {
  EXPECT_EQ(constructors("const OpenAI = require('openai');\n"
                         "const { OpenAI: Renamed, Configuration } = "
                         "require('openai');\n"
                         "const Direct = require('openai').OpenAI;\n"
                         "new OpenAI(); new Renamed(); new Configuration();\n"
                         "new Direct(); new OpenAI.AzureOpenAI();\n"),
            (std::vector<std::string>{"openai", "openai.OpenAI",
                                      "openai.Configuration", "openai.OpenAI",
                                      "openai.AzureOpenAI"}));
}

TEST(JsImportTableTest, ResolvesTypeScriptImportRequireAndAnnotations) {
  EXPECT_EQ(constructors("import OpenAI = require('openai');\n"
                         "const c: OpenAI = new OpenAI();\n",
                         Language::TypeScript),
            std::vector<std::string>{"openai"});
}

TEST(JsImportTableTest, LocalBindingsShadowImports) {
  EXPECT_EQ(constructors("import OpenAI from 'openai';\nclass OpenAI {}\n"
                         "new OpenAI();\n"),
            std::vector<std::string>{"?"});
  EXPECT_EQ(constructors("import OpenAI from 'openai';\n"
                         "function make(OpenAI) { return new OpenAI(); }\n"),
            std::vector<std::string>{"?"})
      << "a parameter shadows the import";
  EXPECT_EQ(constructors("import OpenAI from 'openai';\n"
                         "const f = ({ OpenAI }) => new OpenAI();\n"),
            std::vector<std::string>{"?"})
      << "a destructured parameter shadows the import";
  EXPECT_EQ(constructors("new OpenAI();\n"), std::vector<std::string>{"?"});
  EXPECT_EQ(constructors("import { OpenAI } from './openai';\nnew OpenAI();\n"),
            std::vector<std::string>{"./openai.OpenAI"})
      << "a project module is not the SDK";
}

TEST(JsImportTableTest, ProcessIsTheGlobalUnlessBound) {
  std::string source = "const a = process.env;\n";
  auto tree = ts::Tree::parse(language(Language::JavaScript), source);
  ASSERT_TRUE(tree.ok());
  ImportTable table = ImportTable::build(tree->root(), source);
  // program > lexical_declaration > variable_declarator > value
  TSNode decl = ts_node_named_child(ts_node_named_child(tree->root(), 0), 0);
  EXPECT_EQ(table.resolve(ts::childByField(decl, "value"), source),
            "process.env");

  std::string shadowed = "function f(process) { return process.env; }\n";
  auto tree2 = ts::Tree::parse(language(Language::JavaScript), shadowed);
  ASSERT_TRUE(tree2.ok());
  ImportTable table2 = ImportTable::build(tree2->root(), shadowed);
  EXPECT_TRUE(table2.binds("process"));
}

TEST(JsImportTableTest, ModuleAliasFindsTopLevelBindingsOnly) {
  std::string source = "import { wrap as w } from 'keyshift-shim';\n"
                       "function f() { const { wrap } = "
                       "require('keyshift-shim'); }\n";
  auto tree = ts::Tree::parse(language(Language::JavaScript), source);
  ASSERT_TRUE(tree.ok());
  ImportTable table = ImportTable::build(tree->root(), source);
  EXPECT_EQ(table.moduleAlias("keyshift-shim.wrap"), "w");
  EXPECT_FALSE(table.moduleAlias("openai.OpenAI").has_value());
  EXPECT_TRUE(table.binds("wrap"));
}

} // namespace
} // namespace keyshift::js
