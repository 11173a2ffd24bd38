#include "match/python/imports.h"
#include "match/python/python_syntax.h"
#include "match/treesitter/tree.h"

#include <gtest/gtest.h>

#include <vector>

namespace keyshift::python {
namespace {

/// Resolves every call's callee in `source`, in document order.
std::vector<std::string> callees(const std::string &source) {
  auto tree = ts::Tree::parse(language(), source);
  EXPECT_TRUE(tree.ok());
  ImportTable table = ImportTable::build(tree->root(), source);
  std::vector<std::string> out;
  std::vector<TSNode> stack{tree->root()};
  std::vector<TSNode> calls;
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    if (ts::nodeType(n) == "call")
      calls.push_back(n);
    for (uint32_t i = ts_node_named_child_count(n); i-- > 0;)
      stack.push_back(ts_node_named_child(n, i));
  }
  for (TSNode call : calls) {
    auto r = table.resolve(ts::childByField(call, "function"), source);
    out.push_back(r.value_or("?"));
  }
  return out;
}

TEST(ImportTableTest, ResolvesFromImportsWithAliases) {
  EXPECT_EQ(callees("from openai import OpenAI as OAI, AsyncOpenAI\n"
                    "OAI()\nAsyncOpenAI()\n"),
            (std::vector<std::string>{"openai.OpenAI", "openai.AsyncOpenAI"}));
}

TEST(ImportTableTest, ResolvesModuleAliasesThroughAttributes) {
  EXPECT_EQ(callees("import openai as oa\nimport os.path\n"
                    "oa.OpenAI()\nos.getenv('X')\n"),
            (std::vector<std::string>{"openai.OpenAI", "os.getenv"}));
}

TEST(ImportTableTest, UnknownAndShadowedNamesResolveToNothing) {
  EXPECT_EQ(callees("OpenAI()\n"), std::vector<std::string>{"?"});
  EXPECT_EQ(callees("from openai import OpenAI\nclass OpenAI: pass\n"
                    "OpenAI()\n"),
            std::vector<std::string>{"?"});
  EXPECT_EQ(callees("from openai import OpenAI\ndef f(OpenAI=None):\n"
                    "    return OpenAI()\n"),
            std::vector<std::string>{"?"})
      << "a parameter shadows the import";
  EXPECT_EQ(callees("from openai import *\nOpenAI()\n"),
            std::vector<std::string>{"openai.OpenAI"});
  EXPECT_EQ(callees("from . import OpenAI\nOpenAI()\n"),
            std::vector<std::string>{"?"})
      << "relative imports are project modules";
}

TEST(ImportTableTest, FindsTheLocalNameOfAModule) {
  std::string src = "import os as operating\n";
  auto tree = ts::Tree::parse(language(), src);
  ASSERT_TRUE(tree.ok());
  ImportTable table = ImportTable::build(tree->root(), src);
  EXPECT_EQ(table.moduleAlias("os"), "operating");
  EXPECT_EQ(table.moduleAlias("sys"), std::nullopt);
}

std::size_t insertionPoint(const std::string &src) {
  auto tree = ts::Tree::parse(language(), src);
  EXPECT_TRUE(tree.ok());
  return importInsertionPoint(tree->root(), src).first;
}

TEST(ImportInsertionTest, GoesAfterDocstringFutureAndLeadingImports) {
  std::string src = "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n"
                    "import json\n\nx = 1\nimport late\n";
  EXPECT_EQ(src.substr(insertionPoint(src)), "\nx = 1\nimport late\n");
}

TEST(ImportInsertionTest, KeepsShebangAndCodingLinesFirst) {
  std::string src = "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1\n";
  EXPECT_EQ(src.substr(insertionPoint(src)), "x = 1\n");
  std::string plain = "# a comment\nx = 1\n";
  EXPECT_EQ(insertionPoint(plain), 0u) << "ordinary comments may move down";
}

TEST(StringLiteralTest, ReadsPrefixQuoteAndPieces) {
  std::string src = "a = rb'x'\nb = f\"u{v}w\"\nc = 'e\\n'\n";
  auto tree = ts::Tree::parse(language(), src);
  ASSERT_TRUE(tree.ok());
  std::vector<StringLiteral> found;
  std::vector<TSNode> stack{tree->root()};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    if (auto s = readString(n, src))
      found.push_back(*s);
    for (uint32_t i = ts_node_named_child_count(n); i-- > 0;)
      stack.push_back(ts_node_named_child(n, i));
  }
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].prefix, "rb");
  EXPECT_TRUE(found[0].isBytes());
  EXPECT_TRUE(found[0].simple);
  EXPECT_EQ(found[0].value, "x");
  EXPECT_EQ(found[1].pieces.size(), 2u);
  EXPECT_FALSE(found[1].simple);
  EXPECT_FALSE(found[2].simple) << "escape sequences make values inexact";
}

} // namespace
} // namespace keyshift::python
