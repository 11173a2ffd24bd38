#include "base/edit_distance.h"

#include <gtest/gtest.h>

namespace keyshift {
namespace {

TEST(EditDistanceTest, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(editDistance("", ""), 0u);
  EXPECT_EQ(editDistance("migrate", "migrate"), 0u);
  EXPECT_EQ(editDistance("migrte", "migrate"), 1u);
  EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(editDistance("", "abc"), 3u);
}

TEST(EditDistanceTest, SuggestsTheClosestCandidate) {
  std::vector<std::string> commands{"migrate", "audit", "check", "rules"};
  EXPECT_EQ(suggestClosest("migrat", commands), "migrate");
  EXPECT_EQ(suggestClosest("audti", commands), std::nullopt)
      << "two edits on a five-letter word are too far";
  EXPECT_EQ(didYouMean("chek", commands), " (did you mean 'check'?)");
  EXPECT_EQ(didYouMean("zzzzzz", commands), "");
}

} // namespace
} // namespace keyshift
