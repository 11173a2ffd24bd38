// changeGroups: what `migrate -i` asks about. A group is closed under the
// flows (every finding naming a variable), under shared or overlapping
// edits, and under a file's clients and URLs, so no answer splits a client
// from its key.
#include "driver/change_groups.h"

#include <gtest/gtest.h>

namespace keyshift::driver {
namespace {

Finding rewritten(FindingKind kind, std::size_t at, std::size_t length,
                  std::vector<std::string> envs = {}) {
  Finding f;
  f.rule_id = "python.x";
  f.kind = kind;
  f.range = {at, length};
  f.action = FindingAction::Rewritten;
  f.flow_envs = std::move(envs);
  f.change = ChangeGroup{"python.x", {Edit{{at, length}, "new", "python.x"}}};
  return f;
}

/// Each group as "file:finding" members.
std::vector<std::vector<std::string>>
shape(const std::vector<ChangeGroupRef> &groups) {
  std::vector<std::vector<std::string>> out;
  for (const ChangeGroupRef &g : groups) {
    out.emplace_back();
    for (const auto &m : g.members)
      out.back().push_back(std::to_string(m.file) + ":" +
                           std::to_string(m.finding));
  }
  return out;
}

TEST(ChangeGroups, AFlowTiesFindingsAcrossFiles) {
  std::vector<Finding> env_file{
      rewritten(FindingKind::ConfigKey, 0, 14, {"OPENAI_API_KEY"})};
  std::vector<Finding> chat{
      rewritten(FindingKind::ClientConstruction, 10, 20, {"OPENAI_API_KEY"}),
      rewritten(FindingKind::ClientConstruction, 40, 20, {"OPENROUTER_KEY"})};
  std::vector<Finding> settings{
      rewritten(FindingKind::EnvKeyRef, 5, 10, {"OPENAI_API_KEY"})};
  auto groups = changeGroups({{".env", &env_file},
                              {"app/chat.py", &chat},
                              {"app/settings.py", &settings}});
  EXPECT_EQ(shape(groups), (std::vector<std::vector<std::string>>{
                               {"0:0", "1:0", "2:0"}, {"1:1"}}));
  EXPECT_EQ(groups[0].envs, std::vector<std::string>{"OPENAI_API_KEY"});
}

TEST(ChangeGroups, OverlappingOrSharedEditsAreOneChange) {
  // A client and the hard-coded key inside its arguments.
  std::vector<Finding> batch{
      rewritten(FindingKind::ClientConstruction, 0, 60),
      rewritten(FindingKind::HardcodedKey, 20, 30),
      rewritten(FindingKind::ClientConstruction, 80, 10)};
  // Two findings that ask for the very same insertion.
  batch.push_back(rewritten(FindingKind::ModelName, 100, 0));
  batch.push_back(rewritten(FindingKind::ModelName, 100, 0));
  EXPECT_EQ(shape(changeGroups({{"batch.py", &batch}})),
            (std::vector<std::vector<std::string>>{
                {"0:0", "0:1"}, {"0:2"}, {"0:3", "0:4"}}));
}

TEST(ChangeGroups, ImportLinesAloneDoNotTieChanges) {
  std::vector<Finding> file{rewritten(FindingKind::ModelName, 10, 5),
                            rewritten(FindingKind::ModelName, 30, 5)};
  for (Finding &f : file)
    f.change->edits.push_back(Edit{{0, 0}, "import os\n", "python.x", true});
  EXPECT_EQ(shape(changeGroups({{"a.py", &file}})).size(), 2u);
}

TEST(ChangeGroups, AFilesClientsMoveWithItsUrls) {
  std::vector<Finding> with_url{
      rewritten(FindingKind::ClientConstruction, 0, 10),
      rewritten(FindingKind::ClientConstruction, 20, 10),
      rewritten(FindingKind::EndpointLiteral, 40, 10)};
  std::vector<Finding> without{
      rewritten(FindingKind::ClientConstruction, 0, 10),
      rewritten(FindingKind::ClientConstruction, 20, 10)};
  EXPECT_EQ(shape(changeGroups({{"a.py", &with_url}, {"b.py", &without}})),
            (std::vector<std::vector<std::string>>{
                {"0:0", "0:1", "0:2"}, {"1:0"}, {"1:1"}}));
}

TEST(ChangeGroups, OnlyAcceptedChangesAreAsked) {
  std::vector<Finding> file{rewritten(FindingKind::ClientConstruction, 0, 10)};
  file.push_back(file.front());
  file.back().action = FindingAction::Skipped; // a conflict: never applied
  Finding report;
  report.kind = FindingKind::NeedsReview;
  file.push_back(report);
  EXPECT_EQ(shape(changeGroups({{"a.py", &file}})),
            (std::vector<std::vector<std::string>>{{"0:0"}}));
}

} // namespace
} // namespace keyshift::driver
