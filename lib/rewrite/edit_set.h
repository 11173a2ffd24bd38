// A conflict-free set of edits for one file, modelled on clang's
// tooling::Replacements: identical edits dedupe (two rules, or two C++
// translation units, asking for the same change), overlapping ones are
// order-dependent and conflict (an insertion strictly inside a replaced
// range, two different insertions at one offset). Groups are all-or-nothing
// (AtomicChange): if any edit of a group conflicts, none of it is added.
#ifndef KEYSHIFT_REWRITE_EDIT_SET_H_
#define KEYSHIFT_REWRITE_EDIT_SET_H_

#include "rewrite/edit.h"

#include <optional>
#include <vector>

namespace keyshift {

/// Why a group was refused: its first edit that clashed, and the edit
/// already in the set (or earlier in the same group) it clashed with.
struct Conflict {
  Edit incoming;
  Edit existing;
};

class EditSet {
public:
  /// Adds every edit of `group`, or none and returns the conflict.
  std::optional<Conflict> add(const ChangeGroup &group);

  /// Sorted by offset; no two overlap; no duplicates.
  const std::vector<Edit> &edits() const { return edits_; }
  bool empty() const { return edits_.empty(); }

  /// True when the two edits cannot both apply in an order-independent way.
  static bool conflicts(const Edit &a, const Edit &b);

private:
  /// The edit already in the set that `e` clashes with, or nullptr.
  /// O(log n) plus the few neighbours: large files with thousands of
  /// findings must not go quadratic.
  const Edit *firstConflict(const Edit &e) const;
  bool contains(const Edit &e) const;

  std::vector<Edit> edits_;
};

} // namespace keyshift

#endif // KEYSHIFT_REWRITE_EDIT_SET_H_
