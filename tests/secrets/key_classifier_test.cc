#include "secrets/key_classifier.h"
#include "support/fake_key.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace keyshift::secrets {
namespace {

using keyshift::testing::fakeOpenAiKey;
using keyshift::testing::KeyShape;

// "sk-" spelled in pieces, like every key-ish string in these tests.
const std::string kSk = std::string("s") + "k-";

TEST(ClassifyKeyTest, RecognisesEachKeyShape) {
  const std::vector<std::pair<KeyShape, KeyKind>> shapes = {
      {KeyShape::User, KeyKind::User},
      {KeyShape::Project, KeyKind::Project},
      {KeyShape::ProjectShort, KeyKind::Project},
      {KeyShape::ProjectMedium, KeyKind::Project},
      {KeyShape::ServiceAccount, KeyKind::ServiceAccount},
      {KeyShape::NamedServiceAccount, KeyKind::ServiceAccount},
      {KeyShape::Admin, KeyKind::Admin},
      {KeyShape::NoProject, KeyKind::User},
  };
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    SCOPED_TRACE(seed);
    for (const auto &[shape, kind] : shapes) {
      const std::string key = fakeOpenAiKey(shape, seed);
      EXPECT_EQ(classifyKey(key), kind) << key.substr(0, 12);
      EXPECT_EQ(classifyToken(key), (KeyClass{kind, Confidence::Key}));
    }
  }
}

TEST(ClassifyKeyTest, MarkerlessLegacyLengthIsOnlyAPossibleKey) {
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    const std::string token = fakeOpenAiKey(KeyShape::NoMarker, seed);
    EXPECT_EQ(classifyKey(token), std::nullopt);
    EXPECT_EQ(classifyToken(token),
              (KeyClass{KeyKind::User, Confidence::Possible}));
  }
}

TEST(ClassifyKeyTest, WrongOrMissingMarkerIsOnlyAPossibleKey) {
  for (KeyShape shape : {KeyShape::User, KeyShape::Project, KeyShape::Admin,
                         KeyShape::ServiceAccount, KeyShape::NoProject}) {
    std::string key = fakeOpenAiKey(shape, 8);
    const std::string marker = std::string("T3Bl") + "bkFJ";
    const std::size_t at = key.find(marker);
    ASSERT_NE(at, std::string::npos);
    std::string wrong = key;
    wrong[at + 7] = 'K'; // T3BlbkFK
    std::string missing = key;
    missing.erase(at, marker.size());
    for (const std::string &t : {wrong, missing}) {
      SCOPED_TRACE(t.substr(0, 12));
      EXPECT_EQ(classifyKey(t), std::nullopt);
      auto c = classifyToken(t);
      if (shape == KeyShape::User && t.size() != 51) {
        EXPECT_EQ(c, std::nullopt) << "sk- + 40: not even a legacy length";
        continue;
      }
      ASSERT_TRUE(c.has_value());
      EXPECT_EQ(c->confidence, Confidence::Possible);
    }
  }
}

TEST(ClassifyKeyTest, OlderServiceAccountPrefixIsAServiceAccountKey) {
  std::string key = fakeOpenAiKey(KeyShape::User, 7);
  key.insert(kSk.size(), "service-");
  EXPECT_EQ(classifyKey(key), KeyKind::ServiceAccount);
}

TEST(ClassifyKeyTest, KindNamesAreTheFindingTypes) {
  EXPECT_EQ(keyKindName(KeyKind::User), "openai-api-key");
  EXPECT_EQ(keyKindName(KeyKind::Project), "openai-project-key");
  EXPECT_EQ(keyKindName(KeyKind::ServiceAccount), "openai-service-account-key");
  EXPECT_EQ(keyKindName(KeyKind::Admin), "openai-admin-key");
}

TEST(ClassifyKeyTest, MarkerNeedsTwentyCharactersOnEachSide) {
  // 48 alphanumerics, but the marker is at the end, not at position 20.
  std::string user = fakeOpenAiKey(KeyShape::User, 3);
  std::string moved =
      user.substr(0, 3) + user.substr(3 + 28, 20) + user.substr(3, 28);
  ASSERT_EQ(moved.size(), user.size());
  EXPECT_EQ(classifyKey(moved), std::nullopt);
  EXPECT_EQ(classifyToken(moved)->confidence, Confidence::Possible);
  const std::string project = fakeOpenAiKey(KeyShape::ProjectShort, 3);
  // sk-proj- + 19 + marker + 20: one character short on the left.
  EXPECT_EQ(classifyKey(project.substr(0, 8) + project.substr(9)),
            std::nullopt);
}

TEST(ClassifyKeyTest, RejectsShortTokens) {
  const std::string legacy = fakeOpenAiKey(KeyShape::NoMarker, 1);
  EXPECT_EQ(classifyToken(legacy.substr(0, 3 + 47)), std::nullopt);
  const std::string project = fakeOpenAiKey(KeyShape::Project, 1);
  // "sk-proj-" + 31 characters is too short even for a possible key.
  EXPECT_EQ(classifyToken(project.substr(0, 8 + 31)), std::nullopt);
  EXPECT_EQ(classifyToken(project.substr(0, 8 + 32))->confidence,
            Confidence::Possible);
}

TEST(ClassifyKeyTest, OtherVendorsKeysAreNotOpenAiKeys) {
  const std::string body = fakeOpenAiKey(KeyShape::NoMarker, 5).substr(3);
  const std::string marked = fakeOpenAiKey(KeyShape::Project, 5).substr(8);
  for (const std::string &t :
       {kSk + "ant-api03-" + body, kSk + "or-v1-" + body,
        kSk + "ant-api03-" + marked, kSk + "or-v1-" + marked}) {
    EXPECT_EQ(classifyToken(t), std::nullopt) << t.substr(0, 10);
  }
  // DeepSeek-like: sk- and 32 hex digits.
  EXPECT_EQ(classifyToken(kSk + "3f9a1c07b2e84d6a9c5e0f1b7d2a4c8e"),
            std::nullopt);
}

TEST(ClassifyKeyTest, SlugsWithAnOpenAiPrefixAreNotPossibleKeys) {
  EXPECT_EQ(classifyToken(kSk + "proj-settings-for-the-staging-cluster-v2"),
            std::nullopt);
  EXPECT_EQ(classifyToken(kSk + "admin-console-routes-and-handlers-module"),
            std::nullopt);
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
          KeyShape::Admin, KeyShape::NoMarker, KeyShape::ProjectShort,
          KeyShape::ProjectMedium, KeyShape::NoProject,
          KeyShape::NamedServiceAccount}) {
      const std::string key = fakeOpenAiKey(shape, seed);
      ASSERT_FALSE(isPlaceholder(key)) << key;
    }
  }
}

TEST(IsPlaceholderTest, PlaceholderWordsCountOnlyAsWholeSegments) {
  // "here" and "test" inside a longer run of characters are not words.
  std::string body = fakeOpenAiKey(KeyShape::NoMarker, 9).substr(3, 40);
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
    const std::string body = fakeOpenAiKey(KeyShape::NoMarker, seed).substr(3);
    ASSERT_GT(shannonEntropy(body), kPlaceholderEntropyBits + 1.0) << seed;
  }
}

TEST(KeyPrefixTest, KeepsOnlyThePublicTypePrefix) {
  EXPECT_EQ(keyPrefix(fakeOpenAiKey(KeyShape::Project, 1)), "sk-proj-");
  EXPECT_EQ(keyPrefix(fakeOpenAiKey(KeyShape::ServiceAccount, 1)),
            "sk-svcacct-");
  EXPECT_EQ(keyPrefix(fakeOpenAiKey(KeyShape::Admin, 1)), "sk-admin-");
  EXPECT_EQ(keyPrefix(fakeOpenAiKey(KeyShape::User, 1)), "sk-");
  EXPECT_EQ(keyPrefix(fakeOpenAiKey(KeyShape::NoProject, 1)), "sk-None-");
  EXPECT_EQ(keyPrefix("ghp_abc"), "");
}

} // namespace
} // namespace keyshift::secrets
