// Retry budget with gRPC A6 throttling semantics (SHIM_SPEC §1.5), kept in
// integer milli-tokens so every implementation rounds the same way. Lock-free:
// one atomic word per breaker key.
#ifndef KEYSHIFT_SHIM_RETRY_BUDGET_H_
#define KEYSHIFT_SHIM_RETRY_BUDGET_H_

#include "keyshift/shim/classify.h"
#include "keyshift/shim/config.h"

#include <atomic>
#include <cstdint>

namespace keyshift::shim {

class RetryBudget {
public:
  explicit RetryBudget(const BudgetConfig &config = {})
      : max_milli_(config.max_tokens * 1000),
        ratio_milli_(config.token_ratio_milli), tokens_(max_milli_) {}

  /// After every attempt. Returns the new token count (milli-tokens).
  int64_t record(AttemptOutcome outcome) {
    int64_t delta = outcome == AttemptOutcome::Retryable ? -1000
                    : outcome == AttemptOutcome::Success ? ratio_milli_
                                                         : 0;
    int64_t cur = tokens_.load(std::memory_order_relaxed);
    if (delta == 0)
      return cur;
    int64_t next;
    do {
      next = cur + delta;
      if (next < 0)
        next = 0;
      if (next > max_milli_)
        next = max_milli_;
    } while (
        !tokens_.compare_exchange_weak(cur, next, std::memory_order_relaxed));
    return next;
  }

  /// True iff tokens > max/2.
  bool allowRetry() const {
    return tokens_.load(std::memory_order_relaxed) * 2 > max_milli_;
  }
  int64_t tokensMilli() const {
    return tokens_.load(std::memory_order_relaxed);
  }

private:
  const int64_t max_milli_;
  const int64_t ratio_milli_;
  std::atomic<int64_t> tokens_;
};

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_RETRY_BUDGET_H_
