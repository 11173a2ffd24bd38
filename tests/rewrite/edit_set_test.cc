#include "rewrite/edit_set.h"

#include <gtest/gtest.h>

namespace keyshift {
namespace {

Edit edit(std::size_t offset, std::size_t length, std::string text,
          std::string rule = "r") {
  return Edit{ByteRange{offset, length}, std::move(text), std::move(rule)};
}

TEST(EditSetTest, IdenticalEditsFromTwoRulesDedupe) {
  EditSet set;
  EXPECT_FALSE(set.add({"a", {edit(3, 2, "xy", "a")}}));
  EXPECT_FALSE(set.add({"b", {edit(3, 2, "xy", "b")}}));
  ASSERT_EQ(set.edits().size(), 1u);
  EXPECT_EQ(set.edits()[0].rule_id, "a") << "first rule wins";
}

TEST(EditSetTest, OverlappingEditsConflict) {
  EditSet set;
  EXPECT_FALSE(set.add({"a", {edit(0, 5, "hello")}}));
  auto conflict = set.add({"b", {edit(3, 4, "x", "b")}});
  ASSERT_TRUE(conflict);
  EXPECT_EQ(conflict->incoming.rule_id, "b");
  EXPECT_EQ(conflict->existing.range.offset, 0u);
}

TEST(EditSetTest, AdjacentReplacementsDoNotConflict) {
  EditSet set;
  EXPECT_FALSE(set.add({"a", {edit(0, 3, "x")}}));
  EXPECT_FALSE(set.add({"b", {edit(3, 3, "y")}}));
  EXPECT_EQ(set.edits().size(), 2u);
}

TEST(EditSetTest, InsertionsAtOneOffsetConflictUnlessIdentical) {
  EditSet set;
  EXPECT_FALSE(set.add({"a", {edit(4, 0, "x")}}));
  EXPECT_FALSE(set.add({"a", {edit(4, 0, "x")}}));
  EXPECT_TRUE(set.add({"b", {edit(4, 0, "y")}}));
}

TEST(EditSetTest, InsertionsAtAReplacementsEndsAreFineInsideAreNot) {
  EditSet set;
  EXPECT_FALSE(set.add({"a", {edit(4, 2, "zz")}}));
  EXPECT_TRUE(set.add({"b", {edit(5, 0, "y")}}));
  EXPECT_FALSE(set.add({"b", {edit(6, 0, "after")}}));
  EXPECT_FALSE(set.add({"c", {edit(4, 0, "before")}}));
  EXPECT_EQ(set.edits().size(), 3u);
}

TEST(EditSetTest, CommutingInsertionsAtOneOffsetCoexist) {
  EditSet set;
  Edit os = edit(0, 0, "import os\n");
  Edit wrap = edit(0, 0, "from keyshift_shim import wrap\n");
  os.commutes = wrap.commutes = true;
  EXPECT_FALSE(set.add({"a", {os}}));
  EXPECT_FALSE(set.add({"b", {wrap}}));
  EXPECT_FALSE(set.add({"c", {os}}));
  ASSERT_EQ(set.edits().size(), 2u);
  EXPECT_EQ(set.edits()[0].replacement, "from keyshift_shim import wrap\n")
      << "a fixed order, whatever the order of adding";
}

TEST(EditSetTest, ManyAdjacentEditsAreAllAccepted) {
  EditSet set;
  for (std::size_t i = 0; i < 20000; ++i)
    ASSERT_FALSE(set.add({"r", {edit(i * 2, 1, "x")}}));
  EXPECT_EQ(set.edits().size(), 20000u);
  EXPECT_TRUE(set.add({"r", {edit(3, 2, "clash")}}));
}

TEST(EditSetTest, AGroupIsAllOrNothing) {
  EditSet set;
  EXPECT_FALSE(set.add({"a", {edit(10, 2, "q")}}));
  auto conflict = set.add({"b", {edit(0, 1, "ok"), edit(11, 1, "clash")}});
  ASSERT_TRUE(conflict);
  ASSERT_EQ(set.edits().size(), 1u) << "the group's first edit was not kept";
  EXPECT_EQ(set.edits()[0].replacement, "q");
}

TEST(EditSetTest, EditsStaySortedByOffset) {
  EditSet set;
  EXPECT_FALSE(set.add({"a", {edit(20, 1, "c")}}));
  EXPECT_FALSE(set.add({"a", {edit(0, 1, "a"), edit(10, 1, "b")}}));
  ASSERT_EQ(set.edits().size(), 3u);
  EXPECT_EQ(set.edits()[0].replacement, "a");
  EXPECT_EQ(set.edits()[2].replacement, "c");
}

} // namespace
} // namespace keyshift
