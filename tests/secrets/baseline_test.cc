#include "secrets/baseline.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace keyshift::secrets {
namespace {

const std::string kFpA = "sha256:0123456789abcdef";
const std::string kFpB = "sha256:fedcba9876543210";

std::string errorOf(std::string_view json) {
  auto result = parseBaseline(json, "b.json");
  if (result.ok())
    return "(no error)";
  EXPECT_EQ(result.error().code, ErrorCode::Config);
  return result.error().message;
}

std::filesystem::path scratchDir(const std::string &name) {
  auto dir = std::filesystem::path(::testing::TempDir()) /
             ("keyshift_baseline_test_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(BaselineTest, ContainsMatchesFingerprintAndFileWhateverTheRule) {
  Baseline b;
  b.add(kFpA, "src/app.py", "python.hardcoded-key");
  EXPECT_TRUE(b.contains(kFpA, "src/app.py"));
  EXPECT_FALSE(b.contains(kFpA, "src/other.py"));
  EXPECT_FALSE(b.contains(kFpB, "src/app.py"));
}

TEST(BaselineTest, ContainsFingerprintIgnoresTheFile) {
  Baseline b;
  b.add(kFpA, "src/app.py", "python.hardcoded-key");
  EXPECT_TRUE(b.containsFingerprint(kFpA));
  EXPECT_FALSE(b.containsFingerprint(kFpB));
  EXPECT_FALSE(Baseline{}.containsFingerprint(kFpA));
}

TEST(BaselineTest, IdenticalEntriesAreKeptOnce) {
  Baseline b;
  b.add(kFpA, "a.py", "r");
  b.add(kFpA, "a.py", "r");
  b.add(kFpA, "a.py", "other-rule");
  EXPECT_EQ(b.size(), 2u);
}

TEST(BaselineTest, SerializesSortedAndStable) {
  Baseline b;
  b.add(kFpB, "z.py", "python.hardcoded-key");
  b.add(kFpB, "a.env", "env.hardcoded-key");
  b.add(kFpA, "a.env", "env.hardcoded-key");
  const std::string expected = R"({
  "version": 1,
  "secrets": [
    {
      "fingerprint": "sha256:0123456789abcdef",
      "file": "a.env",
      "rule": "env.hardcoded-key"
    },
    {
      "fingerprint": "sha256:fedcba9876543210",
      "file": "a.env",
      "rule": "env.hardcoded-key"
    },
    {
      "fingerprint": "sha256:fedcba9876543210",
      "file": "z.py",
      "rule": "python.hardcoded-key"
    }
  ]
}
)";
  EXPECT_EQ(b.serialize(), expected);
}

TEST(BaselineTest, EmptyBaselineSerializes) {
  EXPECT_EQ(Baseline().serialize(),
            "{\n  \"version\": 1,\n  \"secrets\": []\n}\n");
}

TEST(BaselineTest, RoundTripsThroughJson) {
  Baseline b;
  b.add(kFpB, "z.py", "python.hardcoded-key");
  b.add(kFpA, "dir/a b.yaml", "");
  auto parsed = parseBaseline(b.serialize(), "b.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->entries(), b.entries());
  EXPECT_EQ(parsed->serialize(), b.serialize());
}

TEST(BaselineTest, RuleIsOptionalAndSecretsMayBeAbsent) {
  auto parsed = parseBaseline(
      R"({"version": 1, "secrets": [{"fingerprint": "sha256:0123456789abcdef", "file": "a.py"}]})",
      "b.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_TRUE(parsed->contains(kFpA, "a.py"));
  auto empty = parseBaseline(R"({"version": 1})", "b.json");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(BaselineErrorTest, InvalidJsonNamesFileLineAndColumn) {
  EXPECT_EQ(errorOf("{\n  \"version\": x\n}"),
            "b.json:2:14: invalid json: syntax error while parsing value - "
            "invalid literal");
}

TEST(BaselineErrorTest, StructureErrorsNameTheJsonPointer) {
  EXPECT_EQ(errorOf("[]"), "b.json: expected a json object");
  EXPECT_EQ(errorOf("{}"), "b.json: /version: missing");
  EXPECT_EQ(errorOf(R"({"version": "1"})"),
            "b.json: /version: expected an integer");
  EXPECT_EQ(errorOf(R"({"version": 2})"),
            "b.json: /version: unsupported version 2 (expected 1)");
  EXPECT_EQ(errorOf(R"({"version": 1, "secrets": {}})"),
            "b.json: /secrets: expected an array");
  EXPECT_EQ(errorOf(R"({"version": 1, "secrets": [1]})"),
            "b.json: /secrets/0: expected an object");
  EXPECT_EQ(errorOf(R"({"version": 1, "secret": []})"),
            "b.json: /secret: unknown key (did you mean 'secrets'?)");
}

TEST(BaselineErrorTest, EntryErrorsNameTheField) {
  const std::string ok_entry =
      R"({"fingerprint": "sha256:0123456789abcdef", "file": "a.py"})";
  EXPECT_EQ(errorOf(R"({"version": 1, "secrets": [)" + ok_entry +
                    R"(, {"file": "a.py"}]})"),
            "b.json: /secrets/1/fingerprint: missing");
  EXPECT_EQ(
      errorOf(
          R"({"version": 1, "secrets": [{"fingerprint": "sha256:0123", "file": "a.py"}]})"),
      "b.json: /secrets/0/fingerprint: expected 'sha256:' and 16 "
      "lowercase hex digits");
  EXPECT_EQ(
      errorOf(
          R"({"version": 1, "secrets": [{"fingerprint": "sha256:0123456789abcdef", "file": 3}]})"),
      "b.json: /secrets/0/file: expected a string");
  EXPECT_EQ(
      errorOf(
          R"({"version": 1, "secrets": [{"fingerprint": "sha256:0123456789abcdef"}]})"),
      "b.json: /secrets/0/file: missing");
  EXPECT_EQ(
      errorOf(
          R"({"version": 1, "secrets": [{"fingerprint": "sha256:0123456789abcdef", "file": "a", "rules": "x"}]})"),
      "b.json: /secrets/0/rules: unknown key (did you mean 'rule'?)");
}

TEST(LoadBaselineTest, MissingFileIsAConfigurationError) {
  const auto dir = scratchDir("missing");
  const std::string path = (dir / ".keyshift-baseline.json").string();
  auto loaded = loadBaseline(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::Config);
  EXPECT_NE(
      loaded.error().message.find(path + ": baseline file does not exist"),
      std::string::npos)
      << loaded.error().message;
}

TEST(LoadBaselineTest, ReadsAFileWrittenBySerialize) {
  const auto dir = scratchDir("roundtrip");
  const std::string path = (dir / ".keyshift-baseline.json").string();
  Baseline b;
  b.add(kFpA, "a.py", "python.hardcoded-key");
  std::ofstream(path, std::ios::binary) << b.serialize();
  auto loaded = loadBaseline(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->entries(), b.entries());
}

TEST(LoadBaselineTest, ErrorsNameThePath) {
  const auto dir = scratchDir("bad");
  const std::string path = (dir / "base.json").string();
  std::ofstream(path, std::ios::binary) << R"({"version": 1, "secrets": 0})";
  auto loaded = loadBaseline(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().message, path + ": /secrets: expected an array");
  auto dir_result = loadBaseline(dir.string());
  ASSERT_FALSE(dir_result.ok());
  EXPECT_EQ(dir_result.error().code, ErrorCode::Io);
  EXPECT_EQ(dir_result.error().message, dir.string() + ": is a directory");
}

} // namespace
} // namespace keyshift::secrets
