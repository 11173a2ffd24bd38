#include "secrets/key_classifier.h"
#include "support/fake_key.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace keyshift::secrets {
namespace {

using keyshift::testing::fakeOpenAiKey;
using keyshift::testing::KeyShape;

// "sk-" spelled in pieces, like every key-ish string in these tests.
const std::string kSk = std::string("s") + "k-";

TEST(ClassifyKeyTest, RecognisesEachKeyShape) {
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    SCOPED_TRACE(seed);
    EXPECT_EQ(classifyKey(fakeOpenAiKey(KeyShape::User, seed)), KeyKind::User);
    EXPECT_EQ(classifyKey(fakeOpenAiKey(KeyShape::Project, seed)),
              KeyKind::Project);
    EXPECT_EQ(classifyKey(fakeOpenAiKey(KeyShape::ServiceAccount, seed)),
              KeyKind::ServiceAccount);
    EXPECT_EQ(classifyKey(fakeOpenAiKey(KeyShape::Admin, seed)),
              KeyKind::Admin);
    EXPECT_EQ(classifyKey(fakeOpenAiKey(KeyShape::Generic, seed)),
              KeyKind::Generic);
  }
}

TEST(ClassifyKeyTest, OlderServiceAccountPrefixIsAServiceAccountKey) {
  std::string key = fakeOpenAiKey(KeyShape::Generic, 7);
  key.insert(kSk.size(), "service-");
  EXPECT_EQ(classifyKey(key), KeyKind::ServiceAccount);
}

TEST(ClassifyKeyTest, KindNamesAreTheFindingTypes) {
  EXPECT_EQ(keyKindName(KeyKind::User), "openai-api-key");
  EXPECT_EQ(keyKindName(KeyKind::Generic), "openai-api-key");
  EXPECT_EQ(keyKindName(KeyKind::Project), "openai-project-key");
  EXPECT_EQ(keyKindName(KeyKind::ServiceAccount), "openai-service-account-key");
  EXPECT_EQ(keyKindName(KeyKind::Admin), "openai-admin-key");
}

TEST(ClassifyKeyTest, UserShapeWithMarkerElsewhereIsGeneric) {
  // 48 alphanumerics, but the marker is not at position 20.
  std::string user = fakeOpenAiKey(KeyShape::User, 3);
  std::string moved =
      user.substr(0, 3) + user.substr(3 + 28, 20) + user.substr(3, 28);
  ASSERT_EQ(moved.size(), user.size());
  EXPECT_EQ(classifyKey(moved), KeyKind::Generic);
}

TEST(ClassifyKeyTest, RejectsShortTokens) {
  const std::string generic = fakeOpenAiKey(KeyShape::Generic, 1);
  EXPECT_EQ(classifyKey(generic.substr(0, 3 + 31)), std::nullopt);
  EXPECT_EQ(classifyKey(generic.substr(0, 3 + 32)), KeyKind::Generic);
  const std::string project = fakeOpenAiKey(KeyShape::Project, 1);
  // "sk-proj-" + 31 characters is too short for a project key.
  EXPECT_EQ(classifyKey(project.substr(0, 8 + 31)), std::nullopt);
}

TEST(ClassifyKeyTest, RejectsOverlongTokens) {
  std::string key = fakeOpenAiKey(KeyShape::Project, 2);
  key += fakeOpenAiKey(KeyShape::Project, 3).substr(8);
  ASSERT_GT(key.size(), kMaxKeyLength);
  EXPECT_EQ(classifyKey(key), std::nullopt);
}

TEST(ClassifyKeyTest, RejectsNonKeyCharactersAndSurroundingText) {
  const std::string key = fakeOpenAiKey(KeyShape::User, 4);
  EXPECT_EQ(classifyKey(" " + key), std::nullopt);
  EXPECT_EQ(classifyKey(key + "\n"), std::nullopt);
  EXPECT_EQ(classifyKey("Bearer " + key), std::nullopt);
  std::string dotted = key;
  dotted[10] = '.';
  EXPECT_EQ(classifyKey(dotted), std::nullopt);
}

TEST(ClassifyKeyTest, OtherVendorsKeysAreNotOpenAiKeys) {
  const std::string body = fakeOpenAiKey(KeyShape::Generic, 5).substr(3);
  EXPECT_EQ(classifyKey(kSk + "ant-api03-" + body), std::nullopt);
  EXPECT_EQ(classifyKey(kSk + "or-v1-" + body), std::nullopt);
}

TEST(ClassifyKeyTest, PlaceholdersAreNotKeys) {
  const std::vector<std::string> placeholders = {
      kSk + std::string(48, 'x'),
      kSk + "proj-" + std::string(60, 'X'),
      kSk + "your-openai-api-key-goes-right-here-now",
      kSk + "REPLACE_ME_WITH_A_REAL_KEY_0123456789abc",
      kSk + "1234567890abcdef1234567890abcdef1234567890",
      kSk + "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq",
      kSk + "proj-" + std::string(40, 'a') + "Zq9x",
  };
  for (const std::string &p : placeholders) {
    SCOPED_TRACE(p);
    EXPECT_EQ(classifyKey(p), std::nullopt);
    EXPECT_TRUE(isPlaceholder(p));
  }
}

TEST(IsPlaceholderTest, RecognisesDocumentationAndTemplateValues) {
  for (std::string p :
       {kSk + "...", kSk + "xxxx", kSk + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        kSk + "your-key-here", std::string("your-api-key"),
        std::string("<OPENAI_API_KEY>"), std::string("${OPENAI_API_KEY}"),
        std::string("{{ secrets.OPENAI_API_KEY }}"), kSk + "REPLACE_ME",
        std::string("changeme"), std::string("$OPENAI_API_KEY"),
        std::string("%(openai_key)s"), kSk + "\xE2\x80\xA6" + "Ab12", kSk,
        kSk + "0000", std::string(""), std::string("   ")}) {
    SCOPED_TRACE(p);
    EXPECT_TRUE(isPlaceholder(p));
  }
}

TEST(IsPlaceholderTest, FakeKeysAreNotPlaceholders) {
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    for (KeyShape shape :
         {KeyShape::User, KeyShape::Project, KeyShape::ServiceAccount,
          KeyShape::Admin, KeyShape::Generic}) {
      const std::string key = fakeOpenAiKey(shape, seed);
      ASSERT_FALSE(isPlaceholder(key)) << key;
    }
  }
}

TEST(IsPlaceholderTest, PlaceholderWordsCountOnlyAsWholeSegments) {
  // "here" and "test" inside a longer run of characters are not words.
  std::string body = fakeOpenAiKey(KeyShape::Generic, 9).substr(3, 40);
  EXPECT_FALSE(isPlaceholder(kSk + "Qhere" + body));
  EXPECT_FALSE(isPlaceholder(kSk + body + "testZ"));
  EXPECT_TRUE(isPlaceholder(kSk + "test-" + body));
}

TEST(IsPlaceholderTest, ShortNonKeyValuesAreNotJudgedByStatistics) {
  EXPECT_FALSE(isPlaceholder("hunter2"));
  EXPECT_FALSE(isPlaceholder(kSk + "ab12"));
}

TEST(ShannonEntropyTest, MeasuresBitsPerByte) {
  EXPECT_DOUBLE_EQ(shannonEntropy(""), 0.0);
  EXPECT_DOUBLE_EQ(shannonEntropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(shannonEntropy("aabb"), 1.0);
  EXPECT_DOUBLE_EQ(shannonEntropy("abcd"), 2.0);
  EXPECT_DOUBLE_EQ(shannonEntropy("abcdefgh"), 3.0);
}

TEST(ShannonEntropyTest, RandomKeyBodiesClearTheThresholdWithMargin) {
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    const std::string body = fakeOpenAiKey(KeyShape::Generic, seed).substr(3);
    ASSERT_GT(shannonEntropy(body), kPlaceholderEntropyBits + 1.0) << seed;
  }
}

TEST(KeyPrefixTest, KeepsOnlyThePublicTypePrefix) {
  EXPECT_EQ(keyPrefix(fakeOpenAiKey(KeyShape::Project, 1)), "sk-proj-");
  EXPECT_EQ(keyPrefix(fakeOpenAiKey(KeyShape::ServiceAccount, 1)),
            "sk-svcacct-");
  EXPECT_EQ(keyPrefix(fakeOpenAiKey(KeyShape::Admin, 1)), "sk-admin-");
  EXPECT_EQ(keyPrefix(fakeOpenAiKey(KeyShape::User, 1)), "sk-");
  EXPECT_EQ(keyPrefix("ghp_abc"), "");
}

} // namespace
} // namespace keyshift::secrets
