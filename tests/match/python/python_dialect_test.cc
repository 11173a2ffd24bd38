#include "match/python/python_dialect.h"
#include "match/support/parsed_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace keyshift::python {
namespace {

using testing::ParsedFile;
using Names = std::vector<std::string>;

Names callees(const std::string &source) {
  return ParsedFile(dialect(), source).resolvedCallees("call");
}

TEST(PythonNamesTest, ResolvesFromImportsWithAliases) {
  EXPECT_EQ(callees("from openai import OpenAI as OAI, AsyncOpenAI\n"
                    "OAI()\nAsyncOpenAI()\n"),
            (Names{"openai.OpenAI", "openai.AsyncOpenAI"}));
}

TEST(PythonNamesTest, ResolvesModuleAliasesThroughAttributes) {
  EXPECT_EQ(callees("import openai as oa\nimport os.path\n"
                    "oa.OpenAI()\nos.getenv('X')\n"),
            (Names{"openai.OpenAI", "os.getenv"}));
}

TEST(PythonNamesTest, UnknownAndShadowedNamesResolveToNothing) {
  EXPECT_EQ(callees("OpenAI()\n"), Names{"?"});
  EXPECT_EQ(callees("from openai import OpenAI\nclass OpenAI: pass\n"
                    "OpenAI()\n"),
            Names{"?"});
  EXPECT_EQ(callees("from openai import *\nOpenAI()\n"),
            Names{"openai.OpenAI"});
  EXPECT_EQ(callees("from . import OpenAI\nOpenAI()\n"), Names{".OpenAI"})
      << "relative imports are project modules, never the SDK";
  EXPECT_EQ(callees("from ..pkg import OpenAI\nOpenAI()\n"),
            Names{"..pkg.OpenAI"});
}

TEST(PythonNamesTest, AParameterShadowsOnlyInItsFunction) {
  EXPECT_EQ(callees("from openai import OpenAI\n"
                    "def f(OpenAI=None):\n    return OpenAI()\n"
                    "def g():\n    return OpenAI()\n"
                    "client = OpenAI()\n"),
            (Names{"?", "openai.OpenAI", "openai.OpenAI"}));
}

TEST(PythonNamesTest, AnImportInAFunctionCountsInThatFunction) {
  EXPECT_EQ(callees("def f():\n    from openai import OpenAI\n"
                    "    return OpenAI()\n"
                    "OpenAI()\n"),
            (Names{"openai.OpenAI", "?"}));
}

TEST(PythonNamesTest, ClassBodiesAreNotSeenFromTheirMethods) {
  EXPECT_EQ(callees("from openai import OpenAI\n"
                    "class Box:\n    OpenAI = None\n    a = OpenAI()\n"
                    "    def make(self):\n        return OpenAI()\n"),
            (Names{"?", "openai.OpenAI"}));
}

TEST(PythonNamesTest, GlobalAndNonlocalBindOutside) {
  // `global OpenAI` makes the assignment rebind the module's name: the
  // module-level call no longer sees the SDK's class alone.
  EXPECT_EQ(callees("from openai import OpenAI\n"
                    "def patch():\n    global OpenAI\n    OpenAI = object\n"
                    "OpenAI()\n"),
            Names{"?"});
  EXPECT_EQ(callees("from openai import OpenAI\n"
                    "def outer():\n    OpenAI = None\n"
                    "    def inner():\n        nonlocal OpenAI\n"
                    "        OpenAI = 1\n    return OpenAI()\n"
                    "def other():\n    return OpenAI()\n"),
            (Names{"?", "openai.OpenAI"}));
}

TEST(PythonNamesTest, ComprehensionAndLambdaVariablesStayInside) {
  EXPECT_EQ(callees("from openai import OpenAI\n"
                    "xs = [OpenAI() for OpenAI in makers]\n"
                    "f = lambda OpenAI: OpenAI()\n"
                    "OpenAI()\n"),
            (Names{"?", "?", "openai.OpenAI"}));
}

TEST(PythonNamesTest, FindsTheLocalNameOfAModule) {
  ParsedFile f(dialect(), "import os as operating\n");
  EXPECT_EQ(f.scopes().moduleAlias("os"), "operating");
  EXPECT_EQ(f.scopes().moduleAlias("sys"), std::nullopt);
}

TEST(PythonNamesTest, ALocalDictIsSoleUseOnlyWhenNothingElseTouchesIt) {
  ParsedFile once(dialect(), "cfg = {'timeout': 3}\nOpenAI(**cfg)\n");
  TSNode use = once.all("identifier").back();
  const ts::Binding *b = once.scopes().soleUse(use);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(ts::nodeType(b->value), "dictionary");

  ParsedFile twice(dialect(),
                   "cfg = {'timeout': 3}\ncfg['x'] = 1\nOpenAI(**cfg)\n");
  EXPECT_EQ(twice.scopes().soleUse(twice.all("identifier").back()), nullptr);
  ParsedFile reassigned(dialect(), "cfg = {}\ncfg = {}\nOpenAI(**cfg)\n");
  EXPECT_EQ(reassigned.scopes().soleUse(reassigned.all("identifier").back()),
            nullptr);
}

std::size_t insertionPoint(const std::string &src) {
  ParsedFile f(dialect(), src);
  return importInsertionPoint(f.root(), src).offset;
}

TEST(PythonImportPointTest, GoesAfterDocstringFutureAndLeadingImports) {
  std::string src = "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n"
                    "import json\n\nx = 1\nimport late\n";
  EXPECT_EQ(src.substr(insertionPoint(src)), "\nx = 1\nimport late\n");
}

TEST(PythonImportPointTest, KeepsShebangAndCodingLinesFirst) {
  std::string src = "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1\n";
  EXPECT_EQ(src.substr(insertionPoint(src)), "x = 1\n");
  std::string plain = "# a comment\nx = 1\n";
  EXPECT_EQ(insertionPoint(plain), 0u) << "ordinary comments may move down";
}

TEST(PythonStringTest, ReadsPrefixQuoteAndPieces) {
  ParsedFile f(dialect(), "a = rb'x'\nb = f\"u{v}w\"\nc = 'e\\n'\n");
  std::vector<ts::StringLiteral> found;
  for (TSNode n : f.all("string"))
    found.push_back(*dialect().readString(n, f.source()));
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].prefix, "rb");
  EXPECT_TRUE(found[0].bytes);
  EXPECT_TRUE(found[0].simple);
  EXPECT_EQ(found[0].value, "x");
  EXPECT_TRUE(found[1].formatted);
  EXPECT_EQ(found[1].pieces.size(), 2u);
  EXPECT_FALSE(found[1].simple);
  EXPECT_FALSE(found[2].simple) << "escape sequences make values inexact";
}

TEST(PythonSpellingTest, UsesTheModulesOsAliasOrImportsOs) {
  ParsedFile aliased(dialect(), "import os as o\n");
  EXPECT_EQ(aliased.spelling().keyExpr(), "o.environ[\"LLM_PROXY_KEY\"]");
  Edit e{ByteRange{0, 0}, aliased.spelling().keyExpr(), "r"};
  EXPECT_TRUE(aliased.spelling().importsFor({e}, "r").empty());

  ParsedFile bare(dialect(), "x = 1\n");
  auto imports = bare.spelling().importsFor(
      {Edit{{}, bare.spelling().keyExpr(), "r"}}, "r");
  ASSERT_EQ(imports.size(), 1u);
  EXPECT_EQ(imports[0].replacement, "import os\n");
  EXPECT_TRUE(imports[0].commutes);
}

// The scopes are built in one walk and each name resolved by a binary
// search, so deep nesting costs no more than its size: 10,000 nested calls
// (a generated file, a long method chain) resolve within the test's
// timeout, where a per-call walk of the ancestors would be quadratic.
TEST(PythonNamesTest, TenThousandNestedCallsResolve) {
  constexpr int kDepth = 10000;
  std::string source = "from openai import OpenAI\nx = ";
  for (int i = 0; i < kDepth; ++i)
    source += "f(";
  source += "OpenAI()";
  source += std::string(kDepth, ')') + "\n";
  ParsedFile file(dialect(), source);
  Names resolved = file.resolvedCallees("call");
  ASSERT_EQ(resolved.size(), static_cast<std::size_t>(kDepth + 1));
  EXPECT_EQ(std::count(resolved.begin(), resolved.end(), "openai.OpenAI"), 1);
  EXPECT_EQ(std::count(resolved.begin(), resolved.end(), "?"), kDepth);
}

} // namespace
} // namespace keyshift::python
