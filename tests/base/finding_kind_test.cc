#include "base/finding_kind.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace keyshift {
namespace {

TEST(FindingKindTest, NamesRoundTripAndAreDistinct) {
  std::set<std::string> names;
  for (FindingKind k : allFindingKinds()) {
    std::string_view name = findingKindName(k);
    EXPECT_EQ(findingKindFromName(name), k) << name;
    EXPECT_TRUE(names.emplace(name).second) << name;
  }
  EXPECT_EQ(names.size(), 14u);
  EXPECT_EQ(findingKindName(FindingKind::EnvBaseUrlRef), "env-base-url-ref");
  EXPECT_FALSE(findingKindFromName("needs_review").has_value());
}

TEST(FindingKindTest, BuiltInKindsAreNotForRules) {
  EXPECT_FALSE(ruleMayReport(FindingKind::Conflict));
  EXPECT_FALSE(ruleMayReport(FindingKind::RewriteFailed));
  EXPECT_FALSE(ruleMayReport(FindingKind::PossibleKey)); // the scanner's
  EXPECT_TRUE(ruleMayReport(FindingKind::AlreadyProxied));
}

} // namespace
} // namespace keyshift
