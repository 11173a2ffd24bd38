// What a person accepted in `migrate -i` (cli/interactive_review.h): per
// file, the bytes they reviewed (by hash) and the findings whose changes
// they accepted. The apply run that follows keeps exactly those changes
// and drops every other one before reconcile, then writes through the same
// checked path as --apply; a file whose bytes are no longer the reviewed
// ones is not written.
#ifndef KEYSHIFT_DRIVER_CHANGE_SELECTION_H_
#define KEYSHIFT_DRIVER_CHANGE_SELECTION_H_

#include "finding/finding.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>

namespace keyshift::driver {

/// A finding as two runs over the same bytes both report it.
struct FindingId {
  std::string rule_id;
  std::size_t offset = 0;
  std::size_t length = 0;
  friend bool operator<(const FindingId &a, const FindingId &b) {
    return std::tie(a.rule_id, a.offset, a.length) <
           std::tie(b.rule_id, b.offset, b.length);
  }
};

inline FindingId findingId(const Finding &f) {
  return FindingId{f.rule_id, f.range.offset, f.range.length};
}

struct ChangeSelection {
  struct File {
    std::uint64_t reviewed_hash = 0; ///< base/content_hash.h of the bytes
    std::set<FindingId> accepted;
  };
  /// By repository path. A file not listed is neither matched nor written.
  std::map<std::string, File> files;
};

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_CHANGE_SELECTION_H_
