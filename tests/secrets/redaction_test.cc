#include "secrets/key_classifier.h"
#include "secrets/redaction.h"
#include "support/fake_key.h"

#include <gtest/gtest.h>

#include <string>

namespace keyshift::secrets {
namespace {

using keyshift::testing::fakeOpenAiKey;
using keyshift::testing::KeyShape;

const std::string kEllipsis = "\xE2\x80\xA6";

TEST(FingerprintTest, IsTheSha256PrefixOfTheValue) {
  // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223...
  EXPECT_EQ(fingerprint("abc"), "sha256:ba7816bf8f01cfea");
  // SHA-256("") = e3b0c44298fc1c149afbf4c8996fb924...
  EXPECT_EQ(fingerprint(""), "sha256:e3b0c44298fc1c14");
}

TEST(FingerprintTest, DiffersBetweenKeys) {
  EXPECT_NE(fingerprint(fakeOpenAiKey(KeyShape::User, 1)),
            fingerprint(fakeOpenAiKey(KeyShape::User, 2)));
}

TEST(RedactTest, KeepsTypePrefixAndLastFourCharacters) {
  const std::string project = fakeOpenAiKey(KeyShape::Project, 1);
  EXPECT_EQ(redact(project),
            "sk-proj-" + kEllipsis + project.substr(project.size() - 4));
  const std::string user = fakeOpenAiKey(KeyShape::User, 1);
  EXPECT_EQ(redact(user), "sk-" + kEllipsis + user.substr(user.size() - 4));
  const std::string admin = fakeOpenAiKey(KeyShape::Admin, 1);
  EXPECT_EQ(redact(admin),
            "sk-admin-" + kEllipsis + admin.substr(admin.size() - 4));
}

TEST(RedactTest, NeverShowsMoreThanPrefixAndFourCharacters) {
  for (std::uint64_t seed = 0; seed < 500; ++seed) {
    for (KeyShape shape :
         {KeyShape::User, KeyShape::Project, KeyShape::ServiceAccount,
          KeyShape::Admin, KeyShape::NoMarker}) {
      const std::string key = fakeOpenAiKey(shape, seed);
      const std::string redacted = redact(key);
      const std::string prefix(keyPrefix(key));
      ASSERT_EQ(redacted.substr(0, prefix.size() + kEllipsis.size()),
                prefix + kEllipsis)
          << seed;
      const std::string shown =
          redacted.substr(prefix.size() + kEllipsis.size());
      ASSERT_EQ(shown, key.substr(key.size() - 4)) << seed;
      ASSERT_EQ(redacted.find(key.substr(prefix.size(), 5)), std::string::npos)
          << seed;
    }
  }
}

TEST(RedactTest, ShortValuesAreFullyMasked) {
  EXPECT_EQ(redact(std::string("s") + "k-abc"), "sk-" + kEllipsis);
  EXPECT_EQ(redact("hunter2"), kEllipsis);
  EXPECT_EQ(redact(""), kEllipsis);
  // 15 body characters: still too short to show any.
  EXPECT_EQ(redact(std::string("s") + "k-proj-" + std::string(15, 'q')),
            "sk-proj-" + kEllipsis);
  EXPECT_EQ(redact(std::string(16, 'q') + "Ab12"), kEllipsis + "Ab12");
}

TEST(RedactTest, NonAsciiTailIsNotCut) {
  EXPECT_EQ(redact(std::string(20, 'a') + "\xC3\xA9"), kEllipsis);
}

TEST(DescribeTest, FillsSecretInfoForKeys) {
  const std::string key = fakeOpenAiKey(KeyShape::ServiceAccount, 4);
  auto info = describe(key);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->type, "openai-service-account-key");
  EXPECT_EQ(info->fingerprint, fingerprint(key));
  EXPECT_EQ(info->redacted,
            "sk-svcacct-" + kEllipsis + key.substr(key.size() - 4));
}

TEST(DescribeTest, NothingForPlaceholdersAndNonKeys) {
  EXPECT_EQ(describe(std::string("s") + "k-your-key-here"), std::nullopt);
  EXPECT_EQ(describe("https://api.openai.com/v1"), std::nullopt);
}

} // namespace
} // namespace keyshift::secrets
