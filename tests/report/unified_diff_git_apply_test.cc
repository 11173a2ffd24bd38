// The diff's contract is that real `git apply` takes it and reproduces the
// new file byte for byte; these tests pipe diffs through git in a temporary
// repository, for hand-picked edge cases and for seeded random edits.
#include "report/unified_diff.h"
#include "report_test_util.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace keyshift::report {
namespace {

namespace fs = std::filesystem;
using testing::makeEdit;
using testing::makeOutcome;

std::string readFile(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void writeFile(const fs::path &p, std::string_view bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string shellQuote(const std::string &s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

class GitApplyTest : public ::testing::Test {
protected:
  void SetUp() override {
    if (std::system("git --version >/dev/null 2>&1") != 0)
      GTEST_SKIP() << "git is not installed";
    std::string tmpl = (fs::temp_directory_path() / "keyshift-diff-XXXXXX");
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
    repo_ = root_ / "repo";
    fs::create_directories(repo_);
    ASSERT_EQ(run("git init -q . && git config core.autocrlf false"), 0);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  int run(const std::string &command) {
    // A hook (pre-commit running the tests) exports GIT_DIR and friends,
    // which would point git at the outer repository.
    std::string full = "unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE; cd " +
                       shellQuote(repo_.string()) + " && " + command + " >" +
                       shellQuote((root_ / "out.txt").string()) + " 2>&1";
    return std::system(full.c_str());
  }

  /// Writes the original file, applies the diff with git, returns "" when
  /// the file then holds exactly the expected bytes, else what went wrong.
  std::string roundTrip(const FileOutcome &outcome) {
    const SourceFile &source = *outcome.source;
    fs::path file = repo_ / outcome.repo_path;
    writeFile(file, source.withBom(source.content()));
    auto diff = unifiedDiff(outcome);
    if (!diff)
      return "unifiedDiff failed: " + diff.error().message;
    if (diff->empty())
      return outcome.new_content == source.content()
                 ? ""
                 : "empty diff for a change";
    fs::path patch = root_ / "change.diff";
    writeFile(patch, *diff);
    std::string patch_arg = shellQuote(patch.string());
    if (run("git apply --check " + patch_arg) != 0)
      return "git apply --check rejected:\n" + *diff + "\n" +
             readFile(root_ / "out.txt");
    if (run("git apply " + patch_arg) != 0)
      return "git apply failed:\n" + *diff + "\n" + readFile(root_ / "out.txt");
    std::string expected = source.withBom(outcome.new_content);
    std::string actual = readFile(file);
    if (actual != expected)
      return "file differs after git apply:\n" + *diff + "\ngot:\n" + actual +
             "\nwant:\n" + expected;
    fs::remove(file);
    return "";
  }

  fs::path root_;
  fs::path repo_;
};

struct Case {
  const char *name;
  std::string path;
  std::string bytes;
  std::vector<Edit> edits;
};

std::vector<Case> edgeCases() {
  std::string ten = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n";
  std::string twenty;
  for (int i = 1; i <= 20; ++i)
    twenty += "line " + std::to_string(i) + "\n";
  std::string crlf = "import openai\r\nclient = OpenAI()\r\nprint(1)\r\n";
  return {
      {"edit on the first line", "a.py", ten, {makeEdit(0, 2, "L1")}},
      {"edit on the last line", "a.py", ten, {makeEdit(27, 3, "L10")}},
      {"whole line inserted at the start",
       "a.py",
       ten,
       {makeEdit(0, 0, "import os\n")}},
      {"whole lines appended", "a.py", ten, {makeEdit(30, 0, "x\ny\n")}},
      {"edit adds lines", "a.py", ten, {makeEdit(12, 2, "l5a\nl5b\nl5c")}},
      {"edit removes lines", "a.py", ten, {makeEdit(6, 9, "")}},
      {"two edits close together",
       "a.py",
       twenty,
       {makeEdit(7, 1, "X"), makeEdit(34, 1, "Y")}},
      {"two edits far apart",
       "a.py",
       twenty,
       {makeEdit(0, 4, "LINE"), makeEdit(twenty.size() - 3, 2, "99")}},
      {"no final newline, last line edited",
       "a.py",
       "a\nb\nkey = 1",
       {makeEdit(8, 1, "2")}},
      {"no final newline, first line edited",
       "a.py",
       "a\nb\nc",
       {makeEdit(0, 1, "A")}},
      {"no final newline, newline added",
       "a.py",
       "a\nb",
       {makeEdit(3, 0, "\n")}},
      {"final newline removed", "a.py", "a\nb\n", {makeEdit(3, 1, "")}},
      {"crlf file with inserted line",
       "a.py",
       crlf,
       {makeEdit(15, 0, "import os\r\n"), makeEdit(37, 0, "base_url=\"B\"")}},
      {"crlf file without final newline",
       "a.py",
       "a\r\nb\r\nc",
       {makeEdit(6, 1, "C")}},
      {"bom file, first line edited",
       "a.py",
       "\xEF\xBB\xBF"
       "a\nb\n",
       {makeEdit(0, 1, "A")}},
      {"bom file, insertion at start",
       "a.py",
       "\xEF\xBB\xBF"
       "a\nb\n",
       {makeEdit(0, 0, "import os\n")}},
      {"bom and crlf, far edit",
       "a.py",
       std::string("\xEF\xBB\xBF") + ten,
       {makeEdit(27, 3, "END")}},
      {"bom only file", "a.py", "\xEF\xBB\xBF", {makeEdit(0, 0, "x\n")}},
      {"empty file", "a.py", "", {makeEdit(0, 0, "x = 1\n")}},
      {"file emptied", "a.py", "x\ny\n", {makeEdit(0, 4, "")}},
      {"newline deleted joins lines",
       "a.py",
       "a\nb\nc\n",
       {makeEdit(1, 1, " ")}},
      {"path with a space", "my dir/a b.py", ten, {makeEdit(3, 2, "X")}},
      {"path with quote and non-ascii",
       "d/say\"h\xC3\xA9\".py",
       ten,
       {makeEdit(3, 2, "X")}},
  };
}

TEST_F(GitApplyTest, EdgeCasesRoundTrip) {
  for (const Case &c : edgeCases()) {
    auto o = makeOutcome(c.path, c.bytes, c.edits);
    EXPECT_EQ(roundTrip(o.outcome), "") << c.name;
  }
}

/// Random files (LF, CRLF, BOM, no final newline) with random sorted,
/// non-overlapping edits; seeded so a failure reproduces.
TEST_F(GitApplyTest, SeededRandomEditsRoundTrip) {
  std::mt19937 gen(20240611);
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(gen);
  };
  const std::vector<std::string> pieces = {"a",   "bc",       "\n", "\r\n", " ",
                                           "x\n", "\xC3\xA9", "\t", "q\n\n"};
  for (int round = 0; round < 60; ++round) {
    std::string text;
    std::size_t parts = pick(40);
    for (std::size_t i = 0; i < parts; ++i)
      text += pieces[pick(pieces.size())];
    std::string bytes =
        (pick(4) == 0 ? std::string("\xEF\xBB\xBF") : "") + text;
    std::vector<Edit> edits;
    std::size_t pos = 0;
    while (pos <= text.size() && edits.size() < 4) {
      std::size_t start = pos + pick(text.size() - pos + 1);
      std::size_t length =
          pick(std::min<std::size_t>(6, text.size() - start) + 1);
      std::string replacement;
      std::size_t rep_parts = pick(3);
      for (std::size_t i = 0; i < rep_parts; ++i)
        replacement += pieces[pick(pieces.size())];
      edits.push_back(makeEdit(start, length, replacement));
      pos = start + length + 1;
      if (pick(3) == 0)
        break;
    }
    auto o = makeOutcome("r.txt", bytes, edits);
    EXPECT_EQ(roundTrip(o.outcome), "") << "round " << round;
  }
}

} // namespace
} // namespace keyshift::report
