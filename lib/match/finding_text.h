// The source text a finding shows: `before` (what is there) and `after` (what
// it becomes), bounded and with keys masked, whatever the language.
#ifndef KEYSHIFT_MATCH_FINDING_TEXT_H_
#define KEYSHIFT_MATCH_FINDING_TEXT_H_

#include "base/byte_range.h"
#include "rewrite/edit.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift {

/// Source text fit for outputs: keys masked, then cut to a bounded size on
/// a UTF-8 boundary (the audit log must stay valid JSON text).
std::string snippet(std::string_view source);

/// The snippet of `range` once the edits that fall inside it are applied:
/// a finding's `after`. Edits outside the range (imports) are left out.
std::optional<std::string> textAfter(std::string_view text, ByteRange range,
                                     const std::vector<Edit> &edits);

} // namespace keyshift

#endif // KEYSHIFT_MATCH_FINDING_TEXT_H_
