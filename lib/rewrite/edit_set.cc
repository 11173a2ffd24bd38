#include "rewrite/edit_set.h"

#include <algorithm>

namespace keyshift {

bool EditSet::conflicts(const Edit &a, const Edit &b) {
  if (a.sameChange(b))
    return false;
  if (a.isInsertion() && b.isInsertion())
    return a.range.offset == b.range.offset && !(a.commutes && b.commutes);
  // An insertion at either end of a replaced range is not ambiguous: edits
  // apply in (offset, length) order, so one at the start goes before the
  // new text and one at the end after it. Only one strictly inside clashes.
  return a.range.overlaps(b.range);
}

const Edit *EditSet::firstConflict(const Edit &e) const {
  // edits_ is sorted and free of overlaps, so only the neighbours of e's
  // position can clash: the ones before it that reach past e's start, and
  // the ones after it that start before e's end.
  auto pos = std::lower_bound(edits_.begin(), edits_.end(), e.range.offset,
                              [](const Edit &have, std::size_t offset) {
                                return have.range.offset < offset;
                              });
  for (auto it = pos; it != edits_.begin();) {
    --it;
    if (conflicts(e, *it))
      return &*it;
    if (it->range.end() < e.range.offset)
      break;
  }
  for (auto it = pos; it != edits_.end() && it->range.offset <= e.range.end();
       ++it)
    if (conflicts(e, *it))
      return &*it;
  return nullptr;
}

bool EditSet::contains(const Edit &e) const {
  auto pos = std::lower_bound(edits_.begin(), edits_.end(), e);
  return pos != edits_.end() && pos->sameChange(e);
}

std::optional<Conflict> EditSet::add(const ChangeGroup &group) {
  std::vector<Edit> fresh;
  for (const Edit &e : group.edits) {
    if (const Edit *have = firstConflict(e))
      return Conflict{e, *have};
    bool duplicate = false;
    for (const Edit &mine : fresh) {
      if (mine.sameChange(e)) {
        duplicate = true;
        break;
      }
      if (conflicts(e, mine))
        return Conflict{e, mine};
    }
    if (!duplicate)
      fresh.push_back(e);
  }
  for (Edit &e : fresh) {
    if (contains(e))
      continue;
    edits_.insert(std::upper_bound(edits_.begin(), edits_.end(), e),
                  std::move(e));
  }
  return std::nullopt;
}

} // namespace keyshift
