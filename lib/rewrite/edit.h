// Edits are plain data: a byte range of a file's content and its
// replacement. A ChangeGroup is the AtomicChange idea: the edits of one
// finding apply together or not at all.
//
//   content: OpenAI()            edit {offset 7, length 0,
//   after:   OpenAI(base_url=...)      replacement "base_url=..."}
#ifndef KEYSHIFT_REWRITE_EDIT_H_
#define KEYSHIFT_REWRITE_EDIT_H_

#include "base/byte_range.h"

#include <string>
#include <tuple>
#include <vector>

namespace keyshift {

struct Edit {
  ByteRange range;         ///< offsets into SourceFile::content()
  std::string replacement; ///< bytes to put there (may be empty: deletion)
  std::string rule_id;     ///< who asked for it (for conflicts and audit)
  /// An insertion whose order among other such insertions at the same
  /// offset does not matter (an import line): they never conflict, and
  /// apply in a fixed order (by text), so the result is deterministic.
  bool commutes = false;

  bool isInsertion() const { return range.empty(); }
  /// Identical edits dedupe regardless of which rule asked for them.
  bool sameChange(const Edit &o) const {
    return range == o.range && replacement == o.replacement;
  }
  friend bool operator<(const Edit &a, const Edit &b) {
    return std::tie(a.range.offset, a.range.length, a.replacement) <
           std::tie(b.range.offset, b.range.length, b.replacement);
  }
};

/// The edits of one finding: all applied, or none.
struct ChangeGroup {
  std::string rule_id;
  std::vector<Edit> edits;
};

} // namespace keyshift

#endif // KEYSHIFT_REWRITE_EDIT_H_
