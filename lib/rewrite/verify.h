// Every rewrite is re-parsed before it is written: a change group whose
// edits add syntax errors is dropped and reported, the others stay.
// The parser is behind SyntaxChecker so lib/rewrite never sees tree-sitter
// or Clang.
#ifndef KEYSHIFT_REWRITE_VERIFY_H_
#define KEYSHIFT_REWRITE_VERIFY_H_

#include "rewrite/edit.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift {

class SyntaxChecker {
public:
  virtual ~SyntaxChecker() = default;
  /// A measure of brokenness (error + missing nodes); 0 for a clean parse.
  virtual std::size_t errorCount(std::string_view content) const = 0;
};

struct VerifiedEdits {
  std::vector<Edit> edits;           ///< the edits that survive, sorted
  std::string content;               ///< content with them applied
  std::vector<std::size_t> rejected; ///< indices into the groups given
};

/// Keeps the groups whose edits do not raise the error count. `groups` must
/// be conflict-free together (an EditSet's worth). With everything fine
/// this parses once; otherwise it adds groups one by one and parses per
/// group, so the cost is paid only by files that need it.
VerifiedEdits verifyGroups(std::string_view content,
                           const std::vector<ChangeGroup> &groups,
                           const SyntaxChecker &checker);

} // namespace keyshift

#endif // KEYSHIFT_REWRITE_VERIFY_H_
