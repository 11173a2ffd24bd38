#include "match/js/js_dialect.h"
#include "match/support/parsed_file.h"

#include <gtest/gtest.h>

#include <vector>

namespace keyshift::js {
namespace {

using testing::ParsedFile;
using Names = std::vector<std::string>;

const JsDialect &javascript() { return *dialect(Language::JavaScript); }
const JsDialect &typescript() { return *dialect(Language::TypeScript); }

Names constructors(const std::string &source,
                   const JsDialect &d = javascript()) {
  return ParsedFile(d, source).resolvedCallees("new_expression");
}

TEST(JsNamesTest, ResolvesEsmImportForms) {
  EXPECT_EQ(
      constructors("import OpenAI from 'openai';\n"
                   "import { OpenAI as OAI, AzureOpenAI } from 'openai';\n"
                   "import * as oa from 'openai';\n"
                   "new OpenAI(); new OAI(); new AzureOpenAI();\n"
                   "new oa.OpenAI();\n"),
      (Names{"openai.default", "openai.OpenAI", "openai.AzureOpenAI",
             "openai.OpenAI"}));
}

TEST(JsNamesTest, ResolvesRequireForms) {
  EXPECT_EQ(constructors("const OpenAI = require('openai');\n"
                         "const { OpenAI: Renamed, Configuration } = "
                         "require('openai');\n"
                         "const Direct = require('openai').OpenAI;\n"
                         "new OpenAI(); new Renamed(); new Configuration();\n"
                         "new Direct(); new OpenAI.AzureOpenAI();\n"
                         "new (require('openai').default)();\n"),
            (Names{"openai", "openai.OpenAI", "openai.Configuration",
                   "openai.OpenAI", "openai.AzureOpenAI", "openai.default"}));
}

TEST(JsNamesTest, ResolvesTypeScriptImportRequireAndAnnotations) {
  EXPECT_EQ(constructors("import OpenAI = require('openai');\n"
                         "const c: OpenAI = new OpenAI();\n",
                         typescript()),
            Names{"openai"});
}

TEST(JsNamesTest, TypeOnlyImportsBindNoValue) {
  EXPECT_EQ(constructors("import type { OpenAI } from 'openai';\n"
                         "import { type AzureOpenAI } from 'openai';\n"
                         "new OpenAI(); new AzureOpenAI();\n",
                         typescript()),
            (Names{"?", "?"}));
}

TEST(JsNamesTest, LocalBindingsShadowImportsWhereTheyAreInScope) {
  EXPECT_EQ(constructors("import OpenAI from 'openai';\nclass OpenAI {}\n"
                         "new OpenAI();\n"),
            Names{"?"});
  EXPECT_EQ(constructors("import OpenAI from 'openai';\n"
                         "function make(OpenAI) { return new OpenAI(); }\n"
                         "const c = new OpenAI();\n"),
            (Names{"?", "openai.default"}))
      << "a parameter shadows the import in its function only";
  EXPECT_EQ(constructors("import OpenAI from 'openai';\n"
                         "const f = ({ OpenAI }) => new OpenAI();\n"
                         "new OpenAI();\n"),
            (Names{"?", "openai.default"}))
      << "a destructured parameter shadows the import";
  EXPECT_EQ(constructors("import OpenAI from 'openai';\n"
                         "{ const OpenAI = Fake; new OpenAI(); }\n"
                         "new OpenAI();\n"),
            (Names{"?", "openai.default"}))
      << "const is block-scoped";
  EXPECT_EQ(constructors("new OpenAI();\n"), Names{"?"});
  EXPECT_EQ(constructors("import { OpenAI } from './openai';\nnew OpenAI();\n"),
            Names{"./openai.OpenAI"})
      << "a project module is not the SDK";
}

TEST(JsNamesTest, VarIsHoistedToItsFunction) {
  EXPECT_EQ(constructors("import OpenAI from 'openai';\n"
                         "function f() {\n  new OpenAI();\n"
                         "  if (x) { var OpenAI = Fake; }\n}\n"
                         "new OpenAI();\n"),
            (Names{"?", "openai.default"}));
}

TEST(JsNamesTest, ProcessIsTheGlobalUnlessBound) {
  ParsedFile f(javascript(), "const a = process.env;\n"
                             "function g(process) { return process.env; }\n");
  auto members = f.all("member_expression");
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(f.scopes().resolve(members[0]), "process.env");
  EXPECT_EQ(f.scopes().resolve(members[1]), std::nullopt);
}

TEST(JsNamesTest, ModuleAliasFindsModuleLevelImportsOnly) {
  ParsedFile f(javascript(), "import { wrap as w } from 'keyshift-shim';\n"
                             "function f() { const { wrap } = "
                             "require('keyshift-shim'); }\n");
  EXPECT_EQ(f.scopes().moduleAlias("keyshift-shim.wrap"), "w");
  EXPECT_FALSE(f.scopes().moduleAlias("openai.OpenAI").has_value());
  EXPECT_TRUE(f.scopes().binds("wrap"));
}

TEST(JsStringTest, ReadsStringAndTemplateLiterals) {
  ParsedFile f(javascript(), "a = 'x'; b = `u/${p}/v`; c = \"e\\n\";\n");
  auto plain = javascript().readString(f.first("string"), f.source());
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->quote, "'");
  EXPECT_TRUE(plain->simple);
  EXPECT_EQ(plain->value, "x");
  auto tmpl = javascript().readString(f.first("template_string"), f.source());
  ASSERT_TRUE(tmpl.has_value());
  EXPECT_EQ(tmpl->quote, "`");
  EXPECT_FALSE(tmpl->simple);
  ASSERT_EQ(tmpl->pieces.size(), 2u);
  EXPECT_EQ(f.source().substr(tmpl->pieces[0].offset, tmpl->pieces[0].length),
            "u/");
}

TEST(JsEnvReadTest, GivesTheNameRange) {
  ParsedFile f(javascript(), "k = process.env['OPENAI_API_KEY'];\n");
  auto env = javascript().envRead(f.first("subscript_expression"), f.file());
  ASSERT_TRUE(env.has_value());
  EXPECT_EQ(env->name, "OPENAI_API_KEY");
  EXPECT_EQ(env->name_range.offset, f.source().find("OPENAI"));
  EXPECT_EQ(env->name_range.length, 14u);
}

std::string withWrapImport(const std::string &source, const std::string &path,
                           Language language = Language::JavaScript) {
  ParsedFile f(*dialect(language), source, path);
  auto edit = f.spelling().importWrapEdit("keyshift_shim.wrap", "r");
  return edit ? f.with(*edit) : source;
}

TEST(JsSpellingTest, ShimImportFollowsTheLastImportAndTheFileStyle) {
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

TEST(JsSpellingTest, ShimImportUsesAnotherNameWhenWrapIsTaken) {
  EXPECT_EQ(withWrapImport("import { wrap } from './util';\n", "x.ts",
                           Language::TypeScript),
            "import { wrap } from './util';\n"
            "import { wrap as keyshift_wrap } from 'keyshift-shim';\n");
  EXPECT_EQ(withWrapImport("import { wrap } from 'keyshift-shim';\n", "x.js"),
            "import { wrap } from 'keyshift-shim';\n")
      << "already imported: nothing to add";
}

TEST(JsSpellingTest, BaseUrlExpressionUsesTheUrlVariableWhenConfigured) {
  ProxyTarget with_env{"https://llm-proxy.example/v1", "LLM_PROXY_KEY",
                       "LLM_PROXY_URL"};
  ParsedFile f(javascript(), "x = 1;\n", "x.js", with_env);
  EXPECT_EQ(f.spelling().baseUrlExpr(),
            "process.env.LLM_PROXY_URL ?? \"https://llm-proxy.example/v1\"");
  EXPECT_EQ(f.spelling().keyExpr(), "process.env.LLM_PROXY_KEY");
  EXPECT_EQ(f.spelling().symbolFor("keyshift_shim.wrap"), "keyshift-shim.wrap");
  EXPECT_EQ(f.spelling().symbolFor("other_pkg.wrap"), "other_pkg.wrap");
}

} // namespace
} // namespace keyshift::js
