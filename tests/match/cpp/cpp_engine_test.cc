#include "match/cpp/cpp_engine.h"
#include "tests/match/cpp/cpp_test_util.h"
#include "tests/support/fake_key.h"

#include <gtest/gtest.h>

namespace keyshift::cpp {
namespace {

using testing::TempDir;

struct EngineRun {
  RunResult result;
  std::map<std::string, std::string> changed;
};

EngineRun runOn(const TempDir &, const std::vector<std::string> &files,
                const std::vector<const ruleset::Rule *> &rules,
                EngineOptions options) {
  Result<RunResult> r = runRules(rules, files, options);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  EngineRun run;
  if (r.ok()) {
    run.result = std::move(r).value();
    run.changed = testing::applyChanges(run.result);
  }
  return run;
}

std::size_t countFindings(const RunResult &r) {
  std::size_t n = 0;
  for (const FileFindings &f : r.files)
    n += f.findings.size();
  return n;
}

TEST(CppEngineTest, RenamesKeyVariableInGetenv) {
  TempDir dir;
  std::string a =
      dir.write("a.cc", "#include <cstdlib>\n"
                        "const char *k = std::getenv(\"OPENAI_API_KEY\");\n");
  EngineRun run = runOn(dir, {a}, testing::allBuiltinRules(),
                        testing::optionsFor(dir.path()));
  ASSERT_EQ(run.result.files.size(), 1u);
  ASSERT_EQ(run.result.files[0].findings.size(), 1u);
  const Finding &f = run.result.files[0].findings[0];
  EXPECT_EQ(f.rule_id, "cpp.env-key-ref");
  EXPECT_EQ(f.kind, FindingKind::EnvKeyRef);
  EXPECT_EQ(f.before, "\"OPENAI_API_KEY\"");
  EXPECT_EQ(f.after, "\"LLM_PROXY_KEY\"");
  EXPECT_EQ(run.changed[a],
            "#include <cstdlib>\n"
            "const char *k = std::getenv(\"LLM_PROXY_KEY\");\n");
  EXPECT_TRUE(run.result.errors.empty());
}

TEST(CppEngineTest, BuiltinHeadersResolveWithoutDatabase) {
  TempDir dir;
  std::string a = dir.write(
      "a.cc", "#include <cstdlib>\n#include <string>\n#include <cstddef>\n"
              "std::string url() { return \"https://api.openai.com/v1\"; }\n");
  EngineRun run = runOn(dir, {a}, testing::allBuiltinRules(),
                        testing::optionsFor(dir.path()));
  EXPECT_TRUE(run.result.errors.empty()) << run.result.errors.front().second;
  ASSERT_EQ(run.result.notes.size(), 1u);
  EXPECT_EQ(run.result.notes[0],
            "no compilation database found for a.cc: parsed with fallback "
            "flags (-std=c++17); results may be incomplete (pass -p DIR)");
  EXPECT_EQ(run.changed[a],
            "#include <cstdlib>\n#include <string>\n#include <cstddef>\n"
            "std::string url() { return \"https://llm-proxy.example/v1\"; }\n");
}

// Issue "Release": one note per run, naming how many files it covers.
TEST(CppEngineTest, OneFallbackNotePerRun) {
  TempDir dir;
  std::vector<std::string> files;
  for (const char *name : {"a.cc", "b.cc", "c.cc"})
    files.push_back(
        dir.write(name, "const char *u = \"https://api.openai.com/v1\";\n"));
  EngineRun run = runOn(dir, files, testing::allBuiltinRules(),
                        testing::optionsFor(dir.path()));
  ASSERT_EQ(run.result.notes.size(), 1u);
  EXPECT_EQ(run.result.notes[0],
            "no compilation database found for 3 C++ files (a.cc, ...): "
            "parsed with fallback flags (-std=c++17); results may be "
            "incomplete (pass -p DIR)");
}

TEST(CppEngineTest, BaseUrlVariableRenamedOnlyWhenConfigured) {
  TempDir dir;
  std::string a =
      dir.write("a.cc", "#include <cstdlib>\n"
                        "const char *u = getenv(\"OPENAI_BASE_URL\");\n");
  EngineOptions options = testing::optionsFor(dir.path());
  EngineRun plain = runOn(dir, {a}, testing::allBuiltinRules(), options);
  ASSERT_EQ(countFindings(plain.result), 1u);
  const Finding &f = plain.result.files[0].findings[0];
  EXPECT_EQ(f.kind, FindingKind::EnvBaseUrlRef);
  EXPECT_FALSE(f.change.has_value());
  EXPECT_EQ(f.message,
            "reads an OpenAI base URL variable: read the proxy "
            "base URL variable instead (no base_url_env configured: set "
            "OPENAI_BASE_URL to https://llm-proxy.example/v1 "
            "where this runs)");

  options.proxy.base_url_env = "LLM_PROXY_URL";
  EngineRun with_env = runOn(dir, {a}, testing::allBuiltinRules(), options);
  EXPECT_EQ(with_env.changed[a],
            "#include <cstdlib>\nconst char *u = getenv(\"LLM_PROXY_URL\");\n");
}

TEST(CppEngineTest, ConstantIsEditedAtItsDefinitionInAHeaderOnce) {
  TempDir dir;
  std::string h = dir.write(
      "names.h", "#pragma once\n"
                 "constexpr const char *kKey = \"OPENAI_API_KEY\";\n");
  std::string a =
      dir.write("a.cc", "#include <cstdlib>\n#include \"names.h\"\n"
                        "const char *a() { return std::getenv(kKey); }\n");
  std::string b =
      dir.write("b.cc", "#include <cstdlib>\n#include \"names.h\"\n"
                        "const char *b() { return getenv(kKey); }\n");
  EngineRun run = runOn(dir, {a, b, h}, testing::allBuiltinRules(),
                        testing::optionsFor(dir.path()));
  ASSERT_EQ(run.result.files.size(), 1u);
  EXPECT_EQ(run.result.files[0].abs_path, h);
  ASSERT_EQ(run.result.files[0].findings.size(), 1u);
  EXPECT_EQ(run.changed[h],
            "#pragma once\n"
            "constexpr const char *kKey = \"LLM_PROXY_KEY\";\n");
}

TEST(CppEngineTest, MacroBodyInProjectIsEditedAtItsSpelling) {
  TempDir dir;
  std::string h =
      dir.write("urls.h", "#define API_ROOT \"https://api.openai.com/v1\"\n");
  std::string a = dir.write("a.cc", "#include \"urls.h\"\n"
                                    "const char *u = API_ROOT \"/models\";\n");
  EngineRun run = runOn(dir, {a, h}, testing::allBuiltinRules(),
                        testing::optionsFor(dir.path()));
  EXPECT_EQ(run.changed.size(), 1u);
  EXPECT_EQ(run.changed[h],
            "#define API_ROOT \"https://llm-proxy.example/v1\"\n");
}

TEST(CppEngineTest, MacroBodyOutsideTheRunNeedsReviewAtTheUse) {
  TempDir dir;
  dir.write("vendor/urls.h",
            "#define API_ROOT \"https://api.openai.com/v1\"\n");
  std::string a = dir.write("src/a.cc", "#include \"../vendor/urls.h\"\n"
                                        "const char *u = API_ROOT;\n");
  EngineRun run = runOn(dir, {a}, testing::allBuiltinRules(),
                        testing::optionsFor(dir.path()));
  EXPECT_TRUE(run.changed.empty());
  EXPECT_EQ(testing::describeFindings(run.result, dir.path()),
            std::vector<std::string>{
                "src/a.cc:2:17: needs-review [cpp.endpoint-literal] reported"});
}

TEST(CppEngineTest, HeaderEditsThatDifferAcrossTusAreAConflict) {
  TempDir dir;
  std::string key =
      keyshift::testing::fakeOpenAiKey(keyshift::testing::KeyShape::Project, 7);
  // Only a.cc declares std::getenv before the header: the TUs disagree on
  // whether the literal can become a getenv read.
  std::string h = dir.write("key.h", "inline const char *key() { return \"" +
                                         key + "\"; }\n");
  std::string a = dir.write("a.cc", "#include <cstdlib>\n#include \"key.h\"\n");
  std::string b = dir.write("b.cc", "#include \"key.h\"\n");
  EngineRun run =
      runOn(dir, {a, b, h}, {testing::builtinRule("cpp.hardcoded-key")},
            testing::optionsFor(dir.path()));
  ASSERT_EQ(run.result.files.size(), 1u);
  ASSERT_EQ(run.result.files[0].findings.size(), 1u);
  const Finding &f = run.result.files[0].findings[0];
  EXPECT_EQ(f.kind, FindingKind::Conflict);
  EXPECT_EQ(f.action, FindingAction::Skipped);
  EXPECT_FALSE(f.change.has_value());
  EXPECT_EQ(f.message,
            "translation units propose different edits here (2 variants); "
            "left unchanged");
  ASSERT_TRUE(f.secret.has_value());
  EXPECT_EQ(f.secret->type, "openai-project-key");
  EXPECT_EQ(f.before.find(key), std::string::npos);
}

TEST(CppEngineTest, HardcodedKeyBecomesGetenvAndIsRedacted) {
  TempDir dir;
  std::string key =
      keyshift::testing::fakeOpenAiKey(keyshift::testing::KeyShape::Project, 3);
  std::string a =
      dir.write("a.cc", "#include <cstdlib>\nconst char *k = \"" + key +
                            "\";\nchar arr[] = \"" + key + "\";\n");
  EngineRun run = runOn(dir, {a}, {testing::builtinRule("cpp.hardcoded-key")},
                        testing::optionsFor(dir.path()));
  ASSERT_EQ(countFindings(run.result), 2u);
  const Finding &pointer = run.result.files[0].findings[0];
  const Finding &array = run.result.files[0].findings[1];
  EXPECT_EQ(pointer.kind, FindingKind::HardcodedKey);
  EXPECT_EQ(pointer.after, "std::getenv(\"LLM_PROXY_KEY\")");
  EXPECT_EQ(pointer.before.find(key), std::string::npos);
  EXPECT_FALSE(array.change.has_value());
  EXPECT_EQ(array.message, "hard-coded OpenAI API key: read it from the "
                           "environment (not rewritten: the literal is used "
                           "as an array, not a pointer)");
  EXPECT_EQ(run.changed[a], "#include <cstdlib>\n"
                            "const char *k = std::getenv(\"LLM_PROXY_KEY\");\n"
                            "char arr[] = \"" +
                                key + "\";\n");
}

TEST(CppEngineTest, OffsetsExcludeTheBom) {
  TempDir dir;
  std::string a =
      dir.write("a.cc", std::string("\xEF\xBB\xBF") +
                            "const char *u = \"https://api.openai.com/v1\";\n");
  EngineRun run = runOn(dir, {a}, testing::allBuiltinRules(),
                        testing::optionsFor(dir.path()));
  ASSERT_EQ(countFindings(run.result), 1u);
  EXPECT_EQ(run.result.files[0].findings[0].range.offset, 16u);
  EXPECT_EQ(run.changed[a],
            std::string("\xEF\xBB\xBF") +
                "const char *u = \"https://llm-proxy.example/v1\";\n");
}

TEST(CppEngineTest, TuWithoutTriggerIsNotParsed) {
  TempDir dir;
  // Not valid C++: parsing it would report an error.
  std::string a = dir.write("a.cc", "this is not C++ at all\n");
  EngineRun run = runOn(dir, {a}, testing::allBuiltinRules(),
                        testing::optionsFor(dir.path()));
  EXPECT_TRUE(run.result.errors.empty());
  EXPECT_TRUE(run.result.notes.empty());
  EXPECT_TRUE(run.result.files.empty());
}

TEST(CppEngineTest, TuHoldingOnlyPartOfEveryTriggerSetIsNotParsed) {
  TempDir dir;
  // `start(` alone is half of openai-cpp's ["start(", "openai"]: a header
  // tree full of `start(` must not go to Clang (it would report an error).
  std::string h = dir.write("include/worker.h", "void start(int jobs);\n");
  std::string a = dir.write("a.cc", "#include \"include/worker.h\"\n"
                                    "this is not C++ at all: start(2)\n");
  EngineRun run = runOn(dir, {a, h}, testing::allBuiltinRules(),
                        testing::optionsFor(dir.path()));
  EXPECT_TRUE(run.result.errors.empty());
  EXPECT_TRUE(run.result.files.empty());
}

TEST(CppEngineTest, TriggerSetsAreMetAcrossTheTuAndItsHeaders) {
  TempDir dir;
  // `"model"` in the source, the OpenAI URL in a header it includes: the
  // request-body rule's ["api.openai.com", "\"model\""] holds for the TU.
  std::string h = dir.write(
      "include/urls.h",
      "static const char *kChat = \"https://api.openai.com/v1/chat\";\n");
  std::string a = dir.write("a.cc", "#include \"include/urls.h\"\n"
                                    "const char *model_key = \"model\";\n"
                                    "int broken(;\n");
  EngineRun run = runOn(dir, {a, h}, testing::allBuiltinRules(),
                        testing::optionsFor(dir.path()));
  EXPECT_EQ(run.result.errors.size(), 1u); // parsed: the set holds
}

// Issue 9: a URL returned by a function of the one file a run was given
// is sent by a request in a file outside the run; the compilation database
// names it, so it is asked, and its admin key keeps the URL on OpenAI.
TEST(CppEngineTest, RunOverOneFileAsksTheDatabasesOtherTus) {
  TempDir dir;
  std::string endpoints = dir.write(
      "endpoints.cc",
      "#include <string>\n"
      "std::string apiBase() { return \"https://api.openai.com/v1\"; }\n");
  dir.write("admin.cc",
            "#include <cstdlib>\n#include <string>\n"
            "std::string apiBase();\n"
            "void post(const std::string &url, const std::string &auth);\n"
            "void listProjects() {\n"
            "  post(apiBase() + \"/organization/projects\",\n"
            "       std::string(\"Authorization: Bearer \") +\n"
            "           std::getenv(\"OPENAI_ADMIN_KEY\"));\n"
            "}\n");
  std::string db = "[";
  for (const char *tu : {"endpoints.cc", "admin.cc"})
    db += std::string(db.size() > 1 ? "," : "") + "{\"directory\": \"" +
          dir.path() + "\", \"file\": \"" + tu +
          "\", \"arguments\": [\"c++\", \"-std=c++17\", \"-c\", \"" + tu +
          "\"]}";
  dir.write("compile_commands.json", db + "]");
  EngineOptions options = testing::optionsFor(dir.path());
  options.compile_db_dir = dir.path();
  EngineRun run = runOn(dir, {endpoints}, testing::allBuiltinRules(), options);
  EXPECT_TRUE(run.changed.empty());
  ASSERT_EQ(run.result.files.size(), 1u);
  ASSERT_EQ(run.result.files[0].findings.size(), 1u);
  EXPECT_EQ(run.result.files[0].findings[0].kind, FindingKind::NeedsReview);
  EXPECT_NE(run.result.files[0].findings[0].message.find("OPENAI_ADMIN_KEY"),
            std::string::npos)
      << run.result.files[0].findings[0].message;
}

TEST(CppEngineTest, ParseErrorIsReportedAndOtherTusStillRun) {
  TempDir dir;
  std::string bad =
      dir.write("bad.cc", "const char *v = \"https://api.openai.com/v1\"\n"
                          "int broken(;\n");
  std::string good =
      dir.write("good.cc", "const char *u = \"https://api.openai.com/v1\";\n");
  EngineRun run = runOn(dir, {bad, good}, testing::allBuiltinRules(),
                        testing::optionsFor(dir.path()));
  ASSERT_EQ(run.result.errors.size(), 1u);
  EXPECT_EQ(run.result.errors[0].first, bad);
  EXPECT_EQ(run.result.errors[0].second,
            bad + ":1:44: expected ';' after top level declarator");
  EXPECT_EQ(run.changed[good],
            "const char *u = \"https://llm-proxy.example/v1\";\n");
}

TEST(CppEngineTest, MissingDatabaseDirIsAnError) {
  TempDir dir;
  std::string a =
      dir.write("a.cc", "const char *u = \"https://api.openai.com/v1\";\n");
  EngineOptions options = testing::optionsFor(dir.path());
  options.compile_db_dir = dir.path() + "/build";
  Result<RunResult> r = runRules(testing::allBuiltinRules(), {a}, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Usage);
  EXPECT_EQ(r.error().message,
            dir.path() + "/build: no usable compile_commands.json");
}

TEST(CppEngineTest, BadMatcherIsAConfigErrorWithParserLocation) {
  ruleset::Rule rule = *testing::builtinRule("cpp.endpoint-literal");
  rule.source = "rules/cpp/x.json";
  rule.query = "stringLiteral(hasNme(\"x\")).bind(\"url\")";
  Result<void> r = validateRules({&rule});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Config);
  EXPECT_EQ(r.error().message,
            "rules/cpp/x.json: /query:1:15: matcher not found: hasNme");
}

// Issue 13: code in a branch this configuration skips is found by bytes and
// reported, never rewritten; a key there is redacted like any other.
TEST(CppEngineTest, InactiveBranchLiteralsAreReportedNotRewritten) {
  TempDir dir;
  std::string key =
      keyshift::testing::fakeOpenAiKey(keyshift::testing::KeyShape::Project, 7);
  std::string a = dir.write(
      "a.cc", "#include <cstdlib>\n"
              "#ifdef _WIN32\n"
              "const wchar_t *u = L\"https://api.openai.com/v1/files\";\n"
              "const char *k = std::getenv(\"OPENAI_API_KEY\");\n"
              "#endif\n"
              "#if 0\n"
              "const char *old = \"" +
                  key +
                  "\";\n"
                  "const char *doc = \"https://platform.example/docs\";\n"
                  "#endif\n");
  EngineRun run = runOn(dir, {a}, testing::allBuiltinRules(),
                        testing::optionsFor(dir.path()));
  EXPECT_TRUE(run.result.errors.empty());
  EXPECT_TRUE(run.changed.empty());
  ASSERT_EQ(run.result.files.size(), 1u);
  const std::vector<Finding> &fs = run.result.files[0].findings;
  ASSERT_EQ(fs.size(), 3u);
  EXPECT_EQ(fs[0].rule_id, "cpp.endpoint-literal");
  EXPECT_EQ(fs[0].kind, FindingKind::NeedsReview);
  EXPECT_EQ(fs[0].before, "L\"https://api.openai.com/v1/files\"");
  EXPECT_EQ(fs[0].message,
            "hard-coded OpenAI endpoint: use the proxy base URL (in a "
            "preprocessor branch this configuration does not compile, "
            "`#ifdef _WIN32` at line 2: not parsed, so not rewritten; "
            "migrate it by hand)");
  EXPECT_EQ(fs[1].rule_id, "cpp.env-key-ref");
  EXPECT_EQ(fs[1].kind, FindingKind::NeedsReview);
  EXPECT_EQ(fs[2].rule_id, "cpp.hardcoded-key");
  EXPECT_EQ(fs[2].kind, FindingKind::HardcodedKey);
  EXPECT_FALSE(fs[2].change.has_value());
  ASSERT_TRUE(fs[2].secret.has_value());
  EXPECT_EQ(fs[2].before.find(key), std::string::npos);
  EXPECT_NE(fs[2].message.find("`#if 0` at line 6"), std::string::npos)
      << fs[2].message;
  for (const Finding &f : fs)
    EXPECT_EQ(f.message.find(key), std::string::npos);
}

// Issue 9: a raw request's URL stays with OpenAI when the key in its
// Authorization header does, and the finding names the chain.
TEST(CppEngineTest, RawRequestUrlMovesOnlyWithItsKey) {
  TempDir dir;
  std::string a = dir.write(
      "admin.cc",
      "#include <cstdlib>\n"
      "#include <string>\n"
      "std::string post(const std::string &url, const std::string &auth);\n"
      "std::string usage() {\n"
      "  const char *key = std::getenv(\"OPENAI_ADMIN_KEY\");\n"
      "  return post(\"https://api.openai.com/v1/organization/usage\",\n"
      "              std::string(\"Authorization: Bearer \") + key);\n"
      "}\n"
      "std::string models() {\n"
      "  const char *key = std::getenv(\"OPENAI_API_KEY\");\n"
      "  return post(\"https://api.openai.com/v1/models\",\n"
      "              std::string(\"Authorization: Bearer \") + key);\n"
      "}\n");
  EngineRun run = runOn(dir, {a}, testing::allBuiltinRules(),
                        testing::optionsFor(dir.path()));
  ASSERT_EQ(run.result.files.size(), 1u);
  const std::vector<Finding> &fs = run.result.files[0].findings;
  ASSERT_EQ(fs.size(), 3u);
  EXPECT_EQ(fs[0].kind, FindingKind::NeedsReview);
  EXPECT_EQ(fs[0].message,
            "OpenAI URL not moved: the request in usage() (admin.cc:4) sends "
            "getenv(\"OPENAI_ADMIN_KEY\") (admin.cc:5) in its Authorization "
            "header, which does not move to the proxy: moving the URL alone "
            "would send that key there; move the request and its key "
            "together by hand");
  EXPECT_EQ(fs[1].kind, FindingKind::EnvKeyRef);
  EXPECT_EQ(fs[2].kind, FindingKind::EndpointLiteral);
  EXPECT_TRUE(fs[2].change.has_value());

  // Without a rule renaming OPENAI_API_KEY, that key stays too.
  std::vector<const ruleset::Rule *> no_rename;
  for (const ruleset::Rule *r : testing::allBuiltinRules())
    if (r->id != "cpp.env-key-ref")
      no_rename.push_back(r);
  EngineRun kept = runOn(dir, {a}, no_rename, testing::optionsFor(dir.path()));
  ASSERT_EQ(kept.result.files.size(), 1u);
  for (const Finding &f : kept.result.files[0].findings)
    EXPECT_EQ(f.kind, FindingKind::NeedsReview) << f.message;
  EXPECT_TRUE(kept.changed.empty());
}

TEST(CppEngineTest, EveryBuiltinRuleValidates) {
  Result<void> r = validateRules(testing::allBuiltinRules());
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  EXPECT_EQ(testing::builtinRules().size(), 9u);
}

} // namespace
} // namespace keyshift::cpp
