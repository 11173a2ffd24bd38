#include "rewrite/verify.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace keyshift {
namespace {

// Unbalanced parentheses stand in for syntax errors.
class ParenChecker final : public SyntaxChecker {
public:
  std::size_t errorCount(std::string_view text) const override {
    ++parses;
    long depth = 0;
    std::size_t errors = 0;
    for (char c : text) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth < 0) {
        ++errors;
        depth = 0;
      }
    }
    return errors + static_cast<std::size_t>(depth);
  }
  mutable int parses = 0;
};

TEST(VerifyTest, KeepsEverythingAndParsesTwiceWhenAllIsWell) {
  ParenChecker checker;
  std::vector<ChangeGroup> groups{{"a", {{{1, 0}, "x", "a"}}},
                                  {"b", {{{2, 0}, "y", "b"}}}};
  auto v = verifyGroups("f()g", groups, checker);
  EXPECT_EQ(v.content, "fx(y)g");
  EXPECT_TRUE(v.rejected.empty());
  EXPECT_EQ(v.edits.size(), 2u);
  EXPECT_EQ(checker.parses, 2);
}

TEST(VerifyTest, DropsOnlyTheGroupThatBreaksTheFile) {
  ParenChecker checker;
  std::vector<ChangeGroup> groups{{"good", {{{2, 0}, "1", "good"}}},
                                  {"bad", {{{4, 0}, "(", "bad"}}}};
  auto v = verifyGroups("f()g", groups, checker);
  EXPECT_EQ(v.content, "f(1)g");
  EXPECT_EQ(v.rejected, std::vector<std::size_t>{1});
}

TEST(VerifyTest, ExistingErrorsDoNotBlockNeutralEdits) {
  ParenChecker checker;
  std::vector<ChangeGroup> groups{{"a", {{{0, 1}, "g", "a"}}}};
  auto v = verifyGroups("f(", groups, checker);
  EXPECT_EQ(v.content, "g(");
  EXPECT_TRUE(v.rejected.empty());
}

} // namespace
} // namespace keyshift
