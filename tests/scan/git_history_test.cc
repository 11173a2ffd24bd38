#include "git_cmd.h"
#include "scan/git_history.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

namespace keyshift::scan {
namespace {

std::vector<FileDiff> parse(std::string_view patch, std::size_t chunk) {
  std::vector<FileDiff> out;
  PatchParser parser([&out](const FileDiff &f) { out.push_back(f); });
  for (std::size_t i = 0; i < patch.size(); i += chunk)
    parser.feed(patch.substr(i, chunk));
  parser.finish();
  return out;
}

constexpr std::string_view kPatch =
    "\x01"
    "c2\n"
    "diff --git a/app.env b/app.env\n"
    "index 1..2 100644\n"
    "--- a/app.env\n"
    "+++ b/app.env\n"
    "@@ -2,2 +2,3 @@ header\n"
    " A=1\n"
    "-B=2\n"
    "+B=3\n"
    "+C=4\n"
    "\\ No newline at end of file\n"
    "diff --git a/logo.png b/logo.png\n"
    "Binary files a/logo.png and b/logo.png differ\n"
    "diff --git a/gone.txt b/gone.txt\n"
    "deleted file mode 100644\n"
    "--- a/gone.txt\n"
    "+++ /dev/null\n"
    "@@ -1 +0,0 @@\n"
    "-x\n"
    "\x01"
    "c1\n"
    "diff --git \"a/sp ace\\tname\" \"b/sp ace\\tname\"\n"
    "new file mode 100644\n"
    "--- /dev/null\n"
    "+++ \"b/sp ace\\tname\"\n"
    "@@ -0,0 +1 @@\n"
    "++++ not a header\n";

TEST(PatchParserTest, AddedAndContextLinesPerCommitAndFile) {
  for (std::size_t chunk : {1u, 7u, 4096u}) {
    SCOPED_TRACE(chunk);
    auto files = parse(kPatch, chunk);
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].commit, "c2");
    EXPECT_EQ(files[0].path, "app.env");
    ASSERT_EQ(files[0].lines.size(), 3u);
    EXPECT_EQ(files[0].lines[0].number, 2u);
    EXPECT_FALSE(files[0].lines[0].added);
    EXPECT_EQ(files[0].lines[1].text, "B=3");
    EXPECT_EQ(files[0].lines[1].number, 3u);
    EXPECT_EQ(files[0].lines[2].number, 4u);
    EXPECT_EQ(files[1].commit, "c1");
    EXPECT_EQ(files[1].path, "sp ace\tname");
    EXPECT_EQ(files[1].lines[0].text, "+++ not a header");
  }
}

TEST(DiffHeaderPathTest, PrefixesAndCQuoting) {
  EXPECT_EQ(diffHeaderPath("b/src/a.py"), "src/a.py");
  EXPECT_EQ(diffHeaderPath("\"b/caf\\303\\251.txt\""), "caf\xC3\xA9.txt");
  EXPECT_EQ(diffHeaderPath("\"b/q\\\"uote\""), "q\"uote");
}

class HistoryTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    ASSERT_EQ(git(dir_.path(), "init -q"), 0);
  }
  void commit(const std::string &message) {
    ASSERT_EQ(git(dir_.path(), "add -A"), 0);
    ASSERT_EQ(git(dir_.path(), "commit -q -m " + message), 0);
  }
  std::vector<FileDiff> history(HistoryOptions o = {}) {
    o.root = dir_.path();
    std::vector<FileDiff> out;
    auto r = readHistory(o, [&out](const FileDiff &f) { out.push_back(f); });
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return out;
  }
  TempDir dir_;
};

TEST_F(HistoryTest, EmptyRepositoryHasNoHistory) {
  EXPECT_TRUE(history().empty());
}

TEST_F(HistoryTest, LinesAddedByEachCommitNewestFirstRenamesNotRepeated) {
  dir_.write("a.txt", "one\ntwo\n");
  commit("first");
  dir_.write("a.txt", "one\nTWO\nthree\n");
  commit("second");
  ASSERT_EQ(git(dir_.path(), "mv a.txt b.txt"), 0);
  commit("rename");
  auto files = history();
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path, "a.txt");
  std::vector<std::string> added;
  for (const DiffLine &l : files[0].lines)
    if (l.added)
      added.push_back(std::to_string(l.number) + ":" + l.text);
  EXPECT_EQ(added, (std::vector<std::string>{"2:TWO", "3:three"}));
  EXPECT_EQ(files[1].lines.size(), 2u);
}

TEST_F(HistoryTest, PickaxeAndRangeAndPathspecs) {
  dir_.write("a.txt", "plain\n");
  commit("first");
  dir_.write("b.txt", "has sk- in it\n");
  dir_.write("c.txt", "also sk- here\n");
  commit("second");
  HistoryOptions o;
  o.pickaxe = "sk-";
  EXPECT_EQ(history(o).size(), 2u);
  o.pathspecs = {"c.txt"};
  ASSERT_EQ(history(o).size(), 1u);
  HistoryOptions range;
  range.range = "HEAD~1..HEAD";
  EXPECT_EQ(history(range).size(), 2u);
  range.range = "no-such-rev";
  range.root = dir_.path();
  auto bad = readHistory(range, [](const FileDiff &) {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::Usage);
}

} // namespace
} // namespace keyshift::scan
