// The units `migrate -i` asks about (DECISIONS "Flows and the hard rule").
// A finding's edits already apply together (rewrite/edit.h: a client's URL
// and key edits, a hand-written request's URL and the key sent with it),
// and findings that make the same or overlapping edits (a client and the
// hard-coded key in its arguments) are one group;
// the repository plan moves an environment variable as one flow, so every
// rewritten finding that names a variable in Finding::flow_envs (a key read
// in a settings module, the clients that consume it in other files, the
// `.env`, compose and CI entries of the same name, a config URL paired with
// its scope's key) lands in the same group. So do a file's clients and its
// OpenAI URLs when it has both (reconcile's file-wide rule: a client left
// as it is may be using any URL of its file). Accepting or skipping a group
// accepts or skips all of it, so no answer can send one key to the other
// side.
#ifndef KEYSHIFT_DRIVER_CHANGE_GROUPS_H_
#define KEYSHIFT_DRIVER_CHANGE_GROUPS_H_

#include "finding/finding.h"

#include <cstddef>
#include <string>
#include <vector>

namespace keyshift::driver {

/// One file of a dry run, as the grouping sees it.
struct GroupInput {
  std::string repo_path;
  const std::vector<Finding> *findings = nullptr;
};

struct ChangeGroupRef {
  struct Member {
    std::size_t file = 0;    ///< index into the inputs
    std::size_t finding = 0; ///< index into that file's findings
  };
  std::vector<Member> members;   ///< in file, then finding order
  std::vector<std::string> envs; ///< the flows that tie it, sorted
};

/// The groups of every finding whose change was accepted in the run
/// (FindingAction::Rewritten), ordered by their first member; inputs are
/// in the run's (sorted path) order.
std::vector<ChangeGroupRef> changeGroups(const std::vector<GroupInput> &files);

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_CHANGE_GROUPS_H_
