#include "secrets/mask.h"
#include "support/fake_key.h"

#include <gtest/gtest.h>

#include <string>

namespace keyshift::secrets {
namespace {

using testing::fakeOpenAiKey;
using testing::KeyShape;

TEST(MaskKeysTest, RedactsWhatTheDetectorClassifies) {
  std::string key = fakeOpenAiKey(KeyShape::Project, 7);
  std::string masked = maskKeys("api_key = \"" + key + "\"");
  EXPECT_EQ(masked.find(key.substr(20)), std::string::npos) << masked;
  EXPECT_NE(masked.find("sk-proj-"), std::string::npos);
  EXPECT_NE(masked.find(key.substr(key.size() - 4)), std::string::npos)
      << "the redacted form shows the last four characters";
}

TEST(MaskKeysTest, MasksAKeyWrittenWithAnEscapeInside) {
  std::string key = fakeOpenAiKey(KeyShape::Project, 8);
  // The detector cannot classify `sk-proj-…\u0041…`; its tail must not show.
  std::string escaped = key.substr(0, 30) + "\\u0041" + key.substr(31);
  std::string masked = maskKeys("k = \"" + escaped + "\"");
  EXPECT_EQ(masked.find(key.substr(40)), std::string::npos) << masked;
  EXPECT_NE(masked.find("…"), std::string::npos);
}

TEST(MaskKeysTest, AnUnclassifiedKeyKeepsNoCharacterOfItsBody) {
  // Once the blunt pass kept "sk-" and 12 more characters: 15 characters of
  // the key in every before/after snippet and message.
  for (KeyShape shape : {KeyShape::User, KeyShape::Project}) {
    std::string key = fakeOpenAiKey(shape, 9);
    const std::string prefix = shape == KeyShape::User ? "sk-" : "sk-proj-";
    std::string escaped = key.substr(0, 30) + "\\x41" + key.substr(31);
    std::string masked = maskKeys("key = '" + escaped + "' # test");
    EXPECT_EQ(masked, "key = '" + prefix + "\xE2\x80\xA6' # test");
    EXPECT_EQ(masked.find(key.substr(0, prefix.size() + 1)), std::string::npos);
  }
}

TEST(MaskKeysTest, LeavesOrdinaryTextAlone) {
  EXPECT_EQ(maskKeys("task-queue sk-short"), "task-queue sk-short");
}

} // namespace
} // namespace keyshift::secrets
