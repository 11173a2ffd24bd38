// Applying edits is a pure function on a string (clang's
// applyAllReplacements), so it is trivial to test and to fuzz.
#ifndef KEYSHIFT_REWRITE_APPLY_H_
#define KEYSHIFT_REWRITE_APPLY_H_

#include "base/error.h"
#include "rewrite/edit.h"

#include <string>
#include <string_view>
#include <vector>

namespace keyshift {

/// `content` with `edits` applied. Fails (ErrorCode::Internal) when an edit
/// lies beyond the end or two edits overlap; order of `edits` is free.
Result<std::string> applyEdits(std::string_view content,
                               std::vector<Edit> edits);

} // namespace keyshift

#endif // KEYSHIFT_REWRITE_APPLY_H_
