// A C++ finding whose change is held back (a request in its TU keeps an
// untraced key on OpenAI, a TU including its header failed to parse): it is
// reported instead, saying why.
#ifndef KEYSHIFT_MATCH_CPP_HELD_CHANGE_H_
#define KEYSHIFT_MATCH_CPP_HELD_CHANGE_H_

#include "finding/finding.h"

#include <string_view>

namespace keyshift::cpp::detail {

/// Drops `f`'s change (if any) and appends " (not rewritten: <why>)".
void holdChange(Finding &f, std::string_view why);

} // namespace keyshift::cpp::detail

#endif // KEYSHIFT_MATCH_CPP_HELD_CHANGE_H_
