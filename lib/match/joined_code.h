// Code matched after the code that runs before it: a notebook cell after
// the cells above it, a documentation block after the earlier blocks of
// its language. The engine sees their imports and names; only what lies in
// the unit itself is kept, moved to the unit's own coordinates.
#ifndef KEYSHIFT_MATCH_JOINED_CODE_H_
#define KEYSHIFT_MATCH_JOINED_CODE_H_

#include "finding/finding.h"

#include <cstddef>
#include <string_view>

namespace keyshift {

/// Moves `f`, found in `prefix + unit`, to the coordinates of `unit`: false
/// when it lies in the prefix. An insertion the engine put in the prefix
/// (`import os` among the earlier imports) goes to the unit's start; any
/// other edit there drops the change and makes `f` needs-review, naming
/// `unit_name` ("notebook cell").
bool dropPrefix(Finding &f, std::size_t prefix, std::string_view unit_name);

} // namespace keyshift

#endif // KEYSHIFT_MATCH_JOINED_CODE_H_
