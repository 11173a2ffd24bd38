// Retry-After handling (SHIM_SPEC §1.4): `retry-after-ms`, then
// `retry-after` as decimal seconds, then as an IMF-fixdate. The numeric
// grammar is strict (^[0-9]+(\.[0-9]+)?$ after trimming spaces and tabs) so
// C++, Python and JS agree on every input.
#ifndef KEYSHIFT_SHIM_RETRY_AFTER_H_
#define KEYSHIFT_SHIM_RETRY_AFTER_H_

#include "keyshift/shim/headers.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace keyshift::shim {

enum class RetryAfterKind {
  None,    ///< no usable header: use the computed backoff
  Delay,   ///< honour `delay_ms` exactly, no jitter, no RNG draw
  TooLong, ///< valid but above the cap: give up (retry_after_too_long)
};

struct RetryAfter {
  RetryAfterKind kind = RetryAfterKind::None;
  int64_t delay_ms = 0;
};

/// `value` under the strict grammar, times `unit_ms`, floored; nullopt if
/// invalid. Values too large for a double give +inf (over any cap).
std::optional<double> parseStrictDecimalMs(std::string_view value,
                                           double unit_ms);

/// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") as Unix ms; nullopt for
/// anything else, including the obsolete RFC 850 and asctime forms.
std::optional<int64_t> parseImfFixdateMs(std::string_view value);

RetryAfter parseRetryAfter(const Headers &headers, int64_t wall_now_unix_ms,
                           int64_t max_retry_after_ms);

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_RETRY_AFTER_H_
