#include "rewrite/edit_set.h"

#include <algorithm>

namespace keyshift {

bool EditSet::conflicts(const Edit &a, const Edit &b) {
  if (a.sameChange(b))
    return false;
  // Two insertions at one offset: their order decides the result.
  if (a.isInsertion() && b.isInsertion())
    return a.range.offset == b.range.offset;
  // An insertion touching a replacement's boundary could go on either side
  // of the replaced text, so it is order-dependent too (clang agrees).
  if (a.isInsertion() != b.isInsertion()) {
    const Edit &ins = a.isInsertion() ? a : b;
    const Edit &rep = a.isInsertion() ? b : a;
    return ins.range.offset >= rep.range.offset &&
           ins.range.offset <= rep.range.end();
  }
  return a.range.overlaps(b.range);
}

std::optional<Conflict> EditSet::add(const ChangeGroup &group) {
  std::vector<Edit> fresh;
  for (const Edit &e : group.edits) {
    for (const Edit &have : edits_)
      if (conflicts(e, have))
        return Conflict{e, have};
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
    bool present = std::any_of(edits_.begin(), edits_.end(),
                               [&](const Edit &h) { return h.sameChange(e); });
    if (!present)
      edits_.push_back(std::move(e));
  }
  std::sort(edits_.begin(), edits_.end());
  return std::nullopt;
}

} // namespace keyshift
