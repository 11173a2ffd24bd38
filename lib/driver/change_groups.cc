#include "driver/change_groups.h"

#include <algorithm>
#include <map>

namespace keyshift::driver {
namespace {

/// Union-find over the rewritten findings.
class Partition {
public:
  std::size_t add() {
    parent_.push_back(parent_.size());
    return parent_.size() - 1;
  }
  std::size_t root(std::size_t i) {
    while (parent_[i] != i)
      i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  /// The smaller index stays the root, so a group's root is its first
  /// member and the groups come out in run order.
  void join(std::size_t a, std::size_t b) {
    a = root(a);
    b = root(b);
    if (a != b)
      parent_[std::max(a, b)] = std::min(a, b);
  }

private:
  std::vector<std::size_t> parent_;
};

bool shareAnEdit(const ChangeGroup &a, const ChangeGroup &b) {
  for (const Edit &x : a.edits)
    for (const Edit &y : b.edits) {
      if (x.commutes && y.commutes)
        continue; // import lines: either change may add them alone
      if (x.sameChange(y) || x.range.overlaps(y.range))
        return true;
    }
  return false;
}

bool isClient(FindingKind kind) {
  return kind == FindingKind::ClientConstruction ||
         kind == FindingKind::ModuleConfig;
}

bool isUrl(FindingKind kind) {
  return kind == FindingKind::EndpointLiteral ||
         kind == FindingKind::EnvBaseUrlRef;
}

} // namespace

std::vector<ChangeGroupRef> changeGroups(const std::vector<GroupInput> &files) {
  Partition part;
  std::vector<ChangeGroupRef::Member> members;
  std::map<std::string, std::size_t> first_with_env;
  for (std::size_t fi = 0; fi < files.size(); ++fi) {
    const std::vector<Finding> &findings = *files[fi].findings;
    std::vector<std::size_t> clients, urls;
    std::vector<std::pair<std::size_t, const ChangeGroup *>> changes;
    for (std::size_t k = 0; k < findings.size(); ++k) {
      const Finding &f = findings[k];
      if (f.action != FindingAction::Rewritten || !f.change)
        continue;
      std::size_t id = part.add();
      members.push_back({fi, k});
      // reconcile's file-wide rule: a client that stays as it is may use
      // any OpenAI URL of its file, so a file's clients and URLs move
      // together.
      // Two findings that make the same edit, or edits that overlap (a
      // client and the hard-coded key in its arguments), are one change.
      for (const auto &[other, change] : changes)
        if (shareAnEdit(*change, *f.change))
          part.join(other, id);
      changes.emplace_back(id, &*f.change);
      if (isClient(f.kind))
        clients.push_back(id);
      if (isUrl(f.kind))
        urls.push_back(id);
      for (const std::string &env : f.flow_envs) {
        auto [it, fresh] = first_with_env.emplace(env, id);
        if (!fresh)
          part.join(it->second, id);
      }
    }
    if (!clients.empty() && !urls.empty()) {
      for (std::size_t c : clients)
        part.join(urls.front(), c);
      for (std::size_t u : urls)
        part.join(urls.front(), u);
    }
  }
  std::map<std::size_t, std::size_t> group_of_root;
  std::vector<ChangeGroupRef> groups;
  for (std::size_t id = 0; id < members.size(); ++id) {
    std::size_t r = part.root(id);
    auto [it, fresh] = group_of_root.emplace(r, groups.size());
    if (fresh)
      groups.emplace_back();
    ChangeGroupRef &g = groups[it->second];
    g.members.push_back(members[id]);
    const Finding &f = (*files[members[id].file].findings)[members[id].finding];
    g.envs.insert(g.envs.end(), f.flow_envs.begin(), f.flow_envs.end());
  }
  for (ChangeGroupRef &g : groups) {
    std::sort(g.envs.begin(), g.envs.end());
    g.envs.erase(std::unique(g.envs.begin(), g.envs.end()), g.envs.end());
  }
  return groups;
}

} // namespace keyshift::driver
