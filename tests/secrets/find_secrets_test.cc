#include "secrets/find_secrets.h"
#include "support/fake_key.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace keyshift::secrets {
namespace {

using keyshift::testing::fakeOpenAiKey;
using keyshift::testing::KeyShape;

const std::string kSk = std::string("s") + "k-";

TEST(FindSecretsTest, ReportsTheKeyBytesAndType) {
  const std::string key = fakeOpenAiKey(KeyShape::Project, 1);
  const std::string text = "OPENAI_API_KEY=" + key + "\nOTHER=1\n";
  const std::vector<SecretMatch> expected = {
      {ByteRange{15, key.size()}, "openai-project-key", KeyKind::Project}};
  EXPECT_EQ(findSecrets(text), expected);
}

TEST(FindSecretsTest, FindsEveryKeyInOrder) {
  const std::string user = fakeOpenAiKey(KeyShape::User, 2);
  const std::string admin = fakeOpenAiKey(KeyShape::Admin, 2);
  const std::string svc = fakeOpenAiKey(KeyShape::ServiceAccount, 2);
  const std::string text = "a: \"" + user + "\"\nb: '" + admin + "'," + svc;
  const std::size_t admin_at = 4 + user.size() + 6;
  const std::vector<SecretMatch> expected = {
      {ByteRange{4, user.size()}, "openai-api-key", KeyKind::User},
      {ByteRange{admin_at, admin.size()}, "openai-admin-key", KeyKind::Admin},
      {ByteRange{admin_at + admin.size() + 2, svc.size()},
       "openai-service-account-key", KeyKind::ServiceAccount},
  };
  EXPECT_EQ(findSecrets(text), expected);
}

TEST(FindSecretsTest, KeyAtStartAndEndOfText) {
  const std::string key = fakeOpenAiKey(KeyShape::Generic, 3);
  const std::vector<SecretMatch> expected = {
      {ByteRange{0, key.size()}, "openai-api-key", KeyKind::Generic}};
  EXPECT_EQ(findSecrets(key), expected);
}

TEST(FindSecretsTest, NeedsAWordBoundaryBeforeTheKey) {
  const std::string key = fakeOpenAiKey(KeyShape::Generic, 4);
  EXPECT_TRUE(findSecrets("ta" + key).empty());
  EXPECT_TRUE(findSecrets("x_" + key).empty());
  EXPECT_TRUE(findSecrets("x-" + key).empty());
  EXPECT_EQ(findSecrets("(" + key + ")").size(), 1u);
}

TEST(FindSecretsTest, EscapedNewlineInAJsonStringIsABoundary) {
  const std::string key = fakeOpenAiKey(KeyShape::User, 5);
  const std::string text = "\"source\": [\"x = 1\\n" + key + "\\n\"]";
  const std::vector<SecretMatch> expected = {
      {ByteRange{19, key.size()}, "openai-api-key", KeyKind::User}};
  EXPECT_EQ(findSecrets(text), expected);
}

TEST(FindSecretsTest, PlaceholdersAreNotFindings) {
  const std::string text = "api_key = \"" + kSk + std::string(40, 'x') +
                           "\"\n# or " + kSk +
                           "your-api-key-goes-here-please-ok\n";
  EXPECT_TRUE(findSecrets(text).empty());
}

TEST(FindSecretsTest, OverlongTokensAreNotKeys) {
  std::string blob = fakeOpenAiKey(KeyShape::Project, 6) +
                     fakeOpenAiKey(KeyShape::Project, 7).substr(3);
  EXPECT_TRUE(findSecrets("x=" + blob).empty());
}

TEST(FindSecretsTest, TextWithoutKeysFindsNothing) {
  EXPECT_TRUE(findSecrets("").empty());
  EXPECT_TRUE(findSecrets("no keys here, only sk- and task-list").empty());
}

TEST(RedactSecretsTest, MasksEveryKeyAndKeepsTheRest) {
  const std::string key1 = fakeOpenAiKey(KeyShape::Project, 8);
  const std::string key2 = fakeOpenAiKey(KeyShape::User, 8);
  const std::string text = "a=" + key1 + " b=" + key2 + " end";
  EXPECT_EQ(redactSecrets(text),
            "a=sk-proj-\xE2\x80\xA6" + key1.substr(key1.size() - 4) +
                " b=sk-\xE2\x80\xA6" + key2.substr(key2.size() - 4) + " end");
}

TEST(RedactSecretsTest, TextWithoutKeysIsUnchanged) {
  EXPECT_EQ(redactSecrets("plain text"), "plain text");
}

} // namespace
} // namespace keyshift::secrets
