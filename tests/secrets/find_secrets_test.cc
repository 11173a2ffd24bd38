#include "secrets/find_secrets.h"
#include "support/base64.h"
#include "support/fake_key.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace keyshift::secrets {
namespace {

using keyshift::testing::base64;
using keyshift::testing::fakeOpenAiKey;
using keyshift::testing::KeyShape;

const std::string kSk = std::string("s") + "k-";

SecretMatch plain(ByteRange range, std::string type, KeyKind kind,
                  Confidence confidence = Confidence::Key) {
  SecretMatch m;
  m.range = range;
  m.type = std::move(type);
  m.kind = kind;
  m.confidence = confidence;
  return m;
}

TEST(FindSecretsTest, ReportsTheKeyBytesAndType) {
  const std::string key = fakeOpenAiKey(KeyShape::Project, 1);
  const std::string text = "OPENAI_API_KEY=" + key + "\nOTHER=1\n";
  const std::vector<SecretMatch> expected = {
      plain(ByteRange{15, key.size()}, "openai-project-key", KeyKind::Project)};
  EXPECT_EQ(findSecrets(text), expected);
}

TEST(FindSecretsTest, FindsEveryKeyInOrder) {
  const std::string user = fakeOpenAiKey(KeyShape::User, 2);
  const std::string admin = fakeOpenAiKey(KeyShape::Admin, 2);
  const std::string svc = fakeOpenAiKey(KeyShape::ServiceAccount, 2);
  const std::string text = "a: \"" + user + "\"\nb: '" + admin + "'," + svc;
  const std::size_t admin_at = 4 + user.size() + 6;
  const std::vector<SecretMatch> expected = {
      plain(ByteRange{4, user.size()}, "openai-api-key", KeyKind::User),
      plain(ByteRange{admin_at, admin.size()}, "openai-admin-key",
            KeyKind::Admin),
      plain(ByteRange{admin_at + admin.size() + 2, svc.size()},
            "openai-service-account-key", KeyKind::ServiceAccount),
  };
  EXPECT_EQ(findSecrets(text), expected);
}

TEST(FindSecretsTest, KeyAtStartAndEndOfText) {
  const std::string key = fakeOpenAiKey(KeyShape::User, 3);
  const std::vector<SecretMatch> expected = {
      plain(ByteRange{0, key.size()}, "openai-api-key", KeyKind::User)};
  EXPECT_EQ(findSecrets(key), expected);
}

TEST(FindSecretsTest, PossibleKeysAreMarkedAndCanBeLeftOut) {
  const std::string token = fakeOpenAiKey(KeyShape::NoMarker, 3);
  const std::string text = "KEY=" + token + "\n";
  const std::vector<SecretMatch> expected = {
      plain(ByteRange{4, token.size()}, "openai-api-key", KeyKind::User,
            Confidence::Possible)};
  EXPECT_EQ(findSecrets(text), expected);
  ScanOptions sure_only;
  sure_only.possible = false;
  EXPECT_TRUE(findSecrets(text, sure_only).empty());
}

TEST(FindSecretsTest, NeedsAWordBoundaryBeforeTheKey) {
  const std::string key = fakeOpenAiKey(KeyShape::Project, 4);
  EXPECT_TRUE(findSecrets("ta" + key).empty());
  EXPECT_TRUE(findSecrets("x_" + key).empty());
  EXPECT_TRUE(findSecrets("x-" + key).empty());
  EXPECT_EQ(findSecrets("(" + key + ")").size(), 1u);
}

TEST(FindSecretsTest, EscapesRightBeforeTheKeyAreBoundaries) {
  const std::string key = fakeOpenAiKey(KeyShape::User, 9);
  for (const std::string &before :
       {std::string("\\n"), std::string("\\t"), std::string("\\u003d"),
        std::string("\\x3d"), std::string("%3D"), std::string("%3d")}) {
    SCOPED_TRACE(before);
    auto found = findSecrets("a" + before + key + "&b=1");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].range, (ByteRange{1 + before.size(), key.size()}));
  }
}

TEST(FindSecretsTest, DeepScanJoinsAdjacentLiterals) {
  const std::string key = fakeOpenAiKey(KeyShape::Project, 10);
  const std::string a = key.substr(0, 40), b = key.substr(40, 70),
                    c = key.substr(110);
  ScanOptions deep;
  deep.deep = true;
  for (const std::string &text :
       {"k = (\"" + a + "\"\n     \"" + b + "\" \"" + c + "\")\n",
        "const k = '" + a + "' +\n  '" + b + "' + '" + c + "';",
        "#define K \"" + a + "\" \\\n  \"" + b + "\"\"" + c + "\"\n"}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(findSecrets(text).empty() ||
                findSecrets(text)[0].confidence == Confidence::Possible)
        << "without --deep-keys the pieces are no key";
    auto found = findSecrets(text, deep);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].encoding, KeyEncoding::Split);
    EXPECT_EQ(found[0].decoded, key);
    EXPECT_EQ(found[0].confidence, Confidence::Key);
    EXPECT_EQ(text.substr(found[0].range.offset, a.size()), a);
  }
}

TEST(FindSecretsTest, DeepScanDecodesBase64) {
  const std::string key = fakeOpenAiKey(KeyShape::User, 11);
  // base64 of "OPENAI_API_KEY=<key>\n", as a Kubernetes Secret holds it.
  const std::string plain = "OPENAI_API_KEY=" + key + "\n";
  const std::string encoded = base64(plain);
  const std::string text = "data:\n  env: " + encoded + "\n";
  EXPECT_TRUE(findSecrets(text).empty());
  ScanOptions deep;
  deep.deep = true;
  auto found = findSecrets(text, deep);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].encoding, KeyEncoding::Base64);
  EXPECT_EQ(found[0].decoded, key);
  EXPECT_EQ(found[0].range, (ByteRange{text.find(encoded), encoded.size()}));
}

TEST(FindSecretsTest, EscapedNewlineInAJsonStringIsABoundary) {
  const std::string key = fakeOpenAiKey(KeyShape::User, 5);
  const std::string text = "\"source\": [\"x = 1\\n" + key + "\\n\"]";
  const std::vector<SecretMatch> expected = {
      plain(ByteRange{19, key.size()}, "openai-api-key", KeyKind::User)};
  EXPECT_EQ(findSecrets(text), expected);
}

TEST(FindSecretsTest, TwoKeysOnALineCrlfAndNoFinalNewline) {
  const std::string k1 = fakeOpenAiKey(KeyShape::User, 12);
  const std::string k2 = fakeOpenAiKey(KeyShape::Admin, 12);
  const std::string text = "a=" + k1 + ";b=" + k2 + "\r\nc=" + k1;
  auto found = findSecrets(text);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[1].range, (ByteRange{2 + k1.size() + 3, k2.size()}));
  EXPECT_EQ(found[2].range.end(), text.size());
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
