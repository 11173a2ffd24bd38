// Policy parameters with the defaults of SHIM_SPEC §1.1-§1.7. One plain
// struct per component so each can be built and tested alone; the names
// match the `config` members of the conformance vectors (testdata/shim).
#ifndef KEYSHIFT_SHIM_CONFIG_H_
#define KEYSHIFT_SHIM_CONFIG_H_

#include <cstdint>
#include <string>

namespace keyshift::shim {

inline constexpr int64_t kNoDeadline = INT64_MAX;

enum class BackoffMode { Full, OpenAi };

struct RetryConfig {
  int max_retries = 2;
  BackoffMode backoff_mode = BackoffMode::Full;
  int64_t base_ms = 500;
  int64_t cap_ms = 8000;
  int64_t max_retry_after_ms = 120000;
  int64_t total_timeout_ms = -1; ///< < 0: no deadline
  int64_t attempt_timeout_ms = 600000;
  int64_t connect_timeout_ms = 5000;
  bool breaker_counts_429 = false;
};

struct BudgetConfig {
  int64_t max_tokens = 10;
  int64_t token_ratio_milli = 100; ///< ratio 0.1, in milli-tokens
};

struct BreakerConfig {
  int window_size = 20;
  int min_calls = 10;
  int failure_rate_pct = 50;
  int consecutive_failures = 5;
  int64_t open_base_ms = 30000;
  int64_t open_max_ms = 300000;
  int64_t probe_timeout_ms = -1; ///< < 0: same as open_base_ms
};

struct LimiterConfig {
  int max_in_flight = 64;
  int max_queue = 1024;
  int64_t max_wait_ms = 60000;
};

struct PolicyConfig {
  RetryConfig retry;
  BudgetConfig budget;
  BreakerConfig breaker;
  LimiterConfig limiter;
  /// Process-wide cap across keys; <= 0 disables it.
  int global_max_in_flight = 0;
  std::string provider_name = "openai";
};

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_CONFIG_H_
