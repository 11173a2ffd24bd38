// Computed backoff when no Retry-After applies (SHIM_SPEC §1.3):
// ceil_ms(n) = min(cap, base * 2^n) with saturation, then full jitter
// (default) or the OpenAI SDKs' "up to 25% less" jitter.
#ifndef KEYSHIFT_SHIM_BACKOFF_H_
#define KEYSHIFT_SHIM_BACKOFF_H_

#include "keyshift/shim/config.h"

#include <cmath>
#include <cstdint>

namespace keyshift::shim {

/// min(cap_ms, base_ms * 2^n) without overflowing int64.
inline int64_t backoffCeilingMs(int64_t base_ms, int64_t cap_ms, int n) {
  if (base_ms <= 0)
    return 0;
  if (n < 0)
    n = 0;
  if (n >= 62 || base_ms > (INT64_MAX >> n))
    return cap_ms;
  int64_t v = base_ms << n;
  return v < cap_ms ? v : cap_ms;
}

/// The delay for the retry after `retries_taken` earlier retries, given one
/// RNG draw `u` in [0, 1).
inline int64_t backoffDelayMs(BackoffMode mode, int64_t base_ms, int64_t cap_ms,
                              int retries_taken, double u) {
  double ceil =
      static_cast<double>(backoffCeilingMs(base_ms, cap_ms, retries_taken));
  if (mode == BackoffMode::Full)
    return static_cast<int64_t>(std::floor(u * ceil));
  return static_cast<int64_t>(std::floor(ceil * (1.0 - u / 4.0)));
}

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_BACKOFF_H_
