// Bounded work per file, end to end (docs/RELIABILITY.md "Bounded time"): a
// file over the per-file budget (match/treesitter/budget.h) is skipped as
// too complex in every tree-sitter language: reported by name, exit 3, never
// rewritten, and never a silent "0 findings"; the other files are done. The
// time it takes is bench/nesting.sh's business, not a test's.
#include "cli/cli_fixture.h"
#include "match/treesitter/budget.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace keyshift::cli {
namespace {

namespace fs = std::filesystem;
using keyshift::testing::readText;
using keyshift::testing::writeText;
using testing::CliTest;
using testing::Outcome;

const std::string kClientPy = "OpenAI(api_key=os.environ[\"OPENAI_API_KEY\"])";
const std::string kClientJs =
    "new OpenAI({ apiKey: process.env.OPENAI_API_KEY })";
const std::string kOther =
    "import os\nfrom openai import OpenAI\nc = " + kClientPy + "\n";

std::string repeat(const std::string &s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i)
    out += s;
  return out;
}

std::string nested(const std::string &open, const std::string &close,
                   const std::string &inner, std::size_t n) {
  return repeat(open, n) + inner + repeat(close, n);
}

bool has(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

struct Shape {
  std::string name;
  std::string text;
};

/// One pathological file per engine: 40,000 nested calls in Python and
/// JavaScript (past 65,535 levels tree-sitter's query cursor lost every
/// match and the file was reported clean), 6,000 in TypeScript and TSX
/// (past the depth cap); for the config formats and Markdown, nesting past
/// their caps.
std::vector<Shape> pathological() {
  const std::size_t n = 40000, m = 6000;
  const std::string js_head = "import OpenAI from \"openai\";\nconst x = ";
  return {
      {"a.py", "import os\nfrom openai import OpenAI\nx = " +
                   nested("f(", ")", kClientPy, n) + "\n"},
      {"a.js", js_head + nested("f(", ")", kClientJs, n) + ";\n"},
      {"a.ts", js_head + nested("f(", ")", kClientJs, m) + ";\n"},
      {"a.tsx", js_head + nested("f(", ")", kClientJs, m) + ";\n"},
      {"a.json",
       nested("[", "]", "{\"env\": {\"OPENAI_API_KEY\": \"x\"}}", 2000) + "\n"},
      {"a.yaml", "x: " + nested("[", "]", "{OPENAI_API_KEY: x}", 2000) + "\n"},
      {"a.toml",
       "x = " + nested("[", "]", "\"https://api.openai.com/v1\"", 2000) + "\n"},
      // tree-sitter-markdown aborted the process past ~255 open blocks.
      {"a.md", repeat("> ", 300) +
                   "text\n\n```python\nimport os\nfrom openai "
                   "import OpenAI\nc = " +
                   kClientPy + "\n```\n"},
  };
}

TEST_F(CliTest, AFileOverTheBudgetIsReportedAsTooComplexNeverAsClean) {
  for (const Shape &s : pathological()) {
    SCOPED_TRACE(s.name);
    fs::remove_all(dir_ / "src");
    writeText(dir_ / "src" / s.name, s.text);
    writeText(dir_ / "src" / "other.py", kOther);
    Outcome r = run({"check", "--include-docs", "src"});
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_TRUE(has(r.out + r.err, s.name + ": error: skipped: too complex"))
        << r.out << r.err;
    EXPECT_TRUE(has(r.out, "too-complex]")) << r.out;
    EXPECT_TRUE(has(r.out, "other.py:3:5")) << "the other file is checked";
  }
}

TEST_F(CliTest, AFileOverTheBudgetIsNeverRewrittenAndTheRestIs) {
  for (const Shape &s : pathological()) {
    SCOPED_TRACE(s.name);
    fs::remove_all(dir_ / "src");
    writeText(dir_ / "src" / s.name, s.text);
    writeText(dir_ / "src" / "other.py", kOther);
    Outcome r = run({"migrate", "--apply", "--include-docs", "src"});
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_TRUE(has(r.err, "skipped: too complex")) << r.err;
    EXPECT_EQ(readText(dir_ / "src" / s.name), s.text);
    EXPECT_NE(readText(dir_ / "src" / "other.py"), kOther);
  }
}

TEST_F(CliTest, TooManyMatchesInProgressSkipTheFileAndHoldItsKeyFlow) {
  // A 300-step method chain keeps a model-name match in progress per step:
  // the query is cut short, so nothing in the file may move, and its key
  // read holds the flow back in the settings module too.
  const std::string app =
      "from openai import OpenAI\nfrom settings import KEY\n"
      "c = OpenAI(api_key=KEY)\nx = q" +
      repeat(".b(1)", ts::kMaxMatchesInProgress + 50) +
      "\nr = c.chat.completions.create(model=\"gpt-4o\")\n";
  const std::string settings =
      "import os\nKEY = os.environ[\"OPENAI_API_KEY\"]\n";
  writeText(dir_ / "app.py", app);
  writeText(dir_ / "settings.py", settings);
  Outcome r = run({"migrate", "--apply", "."});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_TRUE(has(r.err, "app.py: error: skipped: too complex (a query had "
                         "more than"))
      << r.err;
  EXPECT_EQ(readText(dir_ / "app.py"), app);
  EXPECT_EQ(readText(dir_ / "settings.py"), settings)
      << "the key read is not renamed while its client stays";
}

TEST_F(CliTest, NestingWithinTheBudgetIsScannedWhole) {
  // 2,000 nested calls (deeper than Python itself accepts) are read whole.
  const std::string text = "import os\nfrom openai import OpenAI\nx = " +
                           nested("f(", ")", kClientPy, 2000) + "\n";
  writeText(dir_ / "a.py", text);
  Outcome r = run({"migrate", "--apply", "a.py"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(has(r.out + r.err, "too complex"));
  EXPECT_TRUE(has(readText(dir_ / "a.py"), "https://gw.example/v1"));
}

} // namespace
} // namespace keyshift::cli
