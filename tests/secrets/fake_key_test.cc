#include "secrets/key_classifier.h"
#include "support/fake_key.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace keyshift::testing {
namespace {

TEST(FakeKeyTest, SameSeedSameKeyDifferentSeedDifferentKey) {
  EXPECT_EQ(fakeOpenAiKey(KeyShape::Project, 42),
            fakeOpenAiKey(KeyShape::Project, 42));
  EXPECT_NE(fakeOpenAiKey(KeyShape::Project, 42),
            fakeOpenAiKey(KeyShape::Project, 43));
  EXPECT_NE(fakeOpenAiKey(KeyShape::User, 42).substr(3),
            fakeOpenAiKey(KeyShape::NoMarker, 42).substr(3));
}

TEST(FakeKeyTest, KnownCharactersPinTheGenerator) {
  // Golden files depend on these bytes, with every compiler: a generator
  // change (or an evaluation-order slip) must be seen.
  EXPECT_EQ(fakeOpenAiKey(KeyShape::User, 0).substr(3, 8), "zXypXgXh");
  EXPECT_EQ(fakeOpenAiKey(KeyShape::Project, 0).substr(8, 8), "aCvkpzGD");
  EXPECT_EQ(fakeOpenAiKey(KeyShape::NoMarker, 0).substr(3, 8), "4svL18Tb");
}

TEST(FakeKeyTest, ShapesHaveTheRealLengthsAndPrefixes) {
  EXPECT_EQ(fakeOpenAiKey(KeyShape::User, 1).size(), 51u);
  EXPECT_EQ(fakeOpenAiKey(KeyShape::NoMarker, 1).size(), 51u);
  EXPECT_EQ(fakeOpenAiKey(KeyShape::Project, 1).size(), 164u);
  EXPECT_EQ(fakeOpenAiKey(KeyShape::ServiceAccount, 1).size(), 167u);
  EXPECT_EQ(fakeOpenAiKey(KeyShape::Admin, 1).size(), 133u);
  EXPECT_EQ(secrets::keyPrefix(fakeOpenAiKey(KeyShape::Project, 1)),
            "sk-proj-");
}

TEST(FakeKeyTest, ManySeedsGiveDistinctKeys) {
  std::set<std::string> keys;
  for (std::uint64_t seed = 0; seed < 200; ++seed)
    keys.insert(fakeOpenAiKey(KeyShape::Project, seed));
  EXPECT_EQ(keys.size(), 200u);
}

TEST(SubstituteFakeKeysTest, ReplacesEveryTokenConsistently) {
  const std::string in =
      "a=@@FAKE_OPENAI_KEY@@\nb=@@FAKE_OPENAI_PROJECT_KEY@@\n"
      "c=@@FAKE_OPENAI_KEY@@\nd=@@FAKE_OPENAI_ADMIN_KEY@@ "
      "e=@@FAKE_OPENAI_SVCACCT_KEY@@";
  const std::string user = fakeOpenAiKey(KeyShape::User, 9);
  const std::string expected =
      "a=" + user + "\nb=" + fakeOpenAiKey(KeyShape::Project, 9) +
      "\nc=" + user + "\nd=" + fakeOpenAiKey(KeyShape::Admin, 9) +
      " e=" + fakeOpenAiKey(KeyShape::ServiceAccount, 9);
  EXPECT_EQ(substituteFakeKeys(in, 9), expected);
}

TEST(SubstituteFakeKeysTest, TextWithoutTokensIsUnchanged) {
  EXPECT_EQ(substituteFakeKeys("no tokens @@ here", 1), "no tokens @@ here");
  EXPECT_EQ(substituteFakeKeys("", 1), "");
}

} // namespace
} // namespace keyshift::testing
