#include "match/config/yaml_format.h"

#include <gtest/gtest.h>

#include <set>

namespace keyshift::config {
namespace {

std::string at(std::string_view text, ByteRange r) {
  return std::string(text.substr(r.offset, r.length));
}

/// The entries, each checked to point at what it says.
std::vector<Entry> read(std::string_view text) {
  std::vector<Entry> entries = yamlEntries(text);
  for (const Entry &e : entries) {
    if (e.kind != Entry::Kind::Text)
      EXPECT_EQ(at(text, e.key_range), e.key);
    if (e.kind != Entry::Kind::Reference)
      EXPECT_EQ(at(text, e.value_range), e.value);
  }
  return entries;
}

const Entry *find(const std::vector<Entry> &entries, Entry::Kind kind,
                  std::string_view key) {
  for (const Entry &e : entries)
    if (e.kind == kind && e.key == key)
      return &e;
  return nullptr;
}

TEST(YamlFormat, ComposeMapListAndFlowFormsAreAssignments) {
  std::string text = "services:\n  a:\n    environment:\n"
                     "      OPENAI_API_KEY: \"${OPENAI_API_KEY}\"\n"
                     "      lower_name: x\n"
                     "  b:\n    environment:\n      - OPENAI_API_KEY=v\n"
                     "      - OPENAI_BASE_URL\n"
                     "  c:\n    environment: {OPENAI_API_KEY: 'q'}\n";
  auto entries = read(text);
  std::vector<std::pair<std::string, std::string>> assignments;
  for (const Entry &e : entries)
    if (e.kind == Entry::Kind::Assignment)
      assignments.emplace_back(e.key, e.value);
  EXPECT_EQ(assignments, (std::vector<std::pair<std::string, std::string>>{
                             {"OPENAI_API_KEY", "${OPENAI_API_KEY}"},
                             {"lower_name", "x"},
                             {"OPENAI_API_KEY", "v"},
                             {"OPENAI_BASE_URL", ""},
                             {"OPENAI_API_KEY", "q"}}));
  // The reference inside the first value, and one scope per service.
  EXPECT_NE(find(entries, Entry::Kind::Reference, "OPENAI_API_KEY"), nullptr);
  std::set<std::size_t> scopes;
  for (const Entry &e : entries)
    if (e.kind == Entry::Kind::Assignment)
      scopes.insert(e.scope);
  EXPECT_EQ(scopes.size(), 3u);
}

TEST(YamlFormat, KubernetesItemsNameTheVariableAndItsSecret) {
  std::string text = "env:\n  - name: OPENAI_API_KEY\n    valueFrom:\n"
                     "      secretKeyRef: {name: s, key: k}\n"
                     "  - name: OPENAI_BASE_URL\n    value: https://h/v1\n"
                     "metadata:\n  name: app\n";
  auto entries = read(text);
  const Entry *key = find(entries, Entry::Kind::Assignment, "OPENAI_API_KEY");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(at(text, key->secret_ref), "secretKeyRef: {name: s, key: k}");
  EXPECT_TRUE(key->secret_name.empty()); // keeps its shape
  const Entry *url = find(entries, Entry::Kind::Assignment, "OPENAI_BASE_URL");
  ASSERT_NE(url, nullptr);
  EXPECT_EQ(url->value, "https://h/v1");
  EXPECT_EQ(url->scope, key->scope);
  // `name: app` is not an env item.
  EXPECT_EQ(find(entries, Entry::Kind::Assignment, "app"), nullptr);
}

TEST(YamlFormat, CiSecretAndEnvExpressions) {
  std::string text = "env:\n  OPENAI_API_KEY: ${{ secrets.PROD_KEY }}\n"
                     "run: echo ${{ env.OPENAI_API_KEY }} $OTHER\n";
  auto entries = read(text);
  const Entry *key = find(entries, Entry::Kind::Assignment, "OPENAI_API_KEY");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(at(text, key->secret_ref), "${{ secrets.PROD_KEY }}");
  EXPECT_EQ(at(text, key->secret_name), "PROD_KEY");
  EXPECT_NE(find(entries, Entry::Kind::Reference, "OPENAI_API_KEY"), nullptr);
  EXPECT_NE(find(entries, Entry::Kind::Reference, "OTHER"), nullptr);
}

TEST(YamlFormat, DocumentsBlockScalarsAnchorsAndCommentsAsWritten) {
  std::string text = "# OPENAI_API_KEY: in a comment\n"
                     "a: &anchor\n  OPENAI_BASE_URL: https://x/v1\n"
                     "b: *anchor\n"
                     "script: |\n  curl https://api.openai.com/v1/models\n"
                     "---\nOPENAI_API_KEY: \"\"\n";
  auto entries = read(text);
  // The comment is nothing; the alias edits nothing (its anchor is read).
  int keys = 0;
  for (const Entry &e : entries)
    keys += e.key == "OPENAI_API_KEY" ? 1 : 0;
  EXPECT_EQ(keys, 1);
  const Entry *block = nullptr;
  for (const Entry &e : entries)
    if (e.kind == Entry::Kind::Text && e.value.find("curl") == 2)
      block = &e;
  ASSERT_NE(block, nullptr); // the block scalar's lines, after its header
  const Entry *url = find(entries, Entry::Kind::Assignment, "OPENAI_BASE_URL");
  const Entry *key = find(entries, Entry::Kind::Assignment, "OPENAI_API_KEY");
  ASSERT_TRUE(url && key);
  EXPECT_NE(url->scope, key->scope); // two documents
}

TEST(YamlFormat, EntriesInsideAnErrorAreNotRead) {
  // The unclosed flow sequence is an ERROR node: nothing in it is edited;
  // the well-formed lines around it still are read.
  auto entries = read("A_URL: https://x/v1\nB: [OPENAI_API_KEY=1\nC_URL: 2\n");
  EXPECT_NE(find(entries, Entry::Kind::Assignment, "C_URL"), nullptr);
  EXPECT_NE(find(entries, Entry::Kind::Assignment, "A_URL"), nullptr);
  EXPECT_EQ(find(entries, Entry::Kind::Assignment, "OPENAI_API_KEY"), nullptr);
}

} // namespace
} // namespace keyshift::config
