#include "rewrite/apply.h"

#include <gtest/gtest.h>

namespace keyshift {
namespace {

TEST(ApplyTest, AppliesEditsInAnyOrder) {
  std::vector<Edit> edits{{{6, 5}, "there", "r"}, {{0, 0}, ">> ", "r"}};
  auto out = applyEdits("hello world", edits);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, ">> hello there");
}

TEST(ApplyTest, InsertionsAtAReplacementsEndsGoOutsideIt) {
  std::vector<Edit> edits{
      {{3, 0}, ")", "r"}, {{0, 3}, "NEW", "r"}, {{0, 0}, "f(", "r"}};
  auto out = applyEdits("old!", edits);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "f(NEW)!");
}

TEST(ApplyTest, EmptyEditListReturnsTheText) {
  auto out = applyEdits("abc", {});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "abc");
}

TEST(ApplyTest, RejectsOverlapsAndEditsBeyondTheEnd) {
  auto overlap = applyEdits("abcdef", {{{0, 3}, "x", "r"}, {{2, 2}, "y", "r"}});
  ASSERT_FALSE(overlap.ok());
  EXPECT_EQ(overlap.error().message, "overlapping edits at offset 2");
  auto beyond = applyEdits("abc", {{{2, 5}, "x", "r"}});
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.error().message,
            "edit [2, 7) lies beyond the end of the text (3 bytes)");
}

} // namespace
} // namespace keyshift
