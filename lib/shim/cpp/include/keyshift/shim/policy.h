// The per-call resilience pipeline (SHIM_SPEC §1.1): limiter -> breaker ->
// attempt -> classify -> record -> backoff or give up -> sleep, with all
// metric bookkeeping. Usable around any callable that performs one attempt
// and reports what happened:
//
//   keyshift::shim::Policy policy(config, Environment::real(), registry);
//   auto &key = policy.key("api.example.test", 443, "gpt-4o-mini");
//   CallResult r = policy.execute(key, operationForPath("/chat/completions"),
//       [&](const AttemptContext &ctx) { return sendOnce(ctx); });
#ifndef KEYSHIFT_SHIM_POLICY_H_
#define KEYSHIFT_SHIM_POLICY_H_

#include "keyshift/shim/cancel.h"
#include "keyshift/shim/circuit_breaker.h"
#include "keyshift/shim/classify.h"
#include "keyshift/shim/config.h"
#include "keyshift/shim/endpoint.h"
#include "keyshift/shim/environment.h"
#include "keyshift/shim/function_ref.h"
#include "keyshift/shim/headers.h"
#include "keyshift/shim/limiter.h"
#include "keyshift/shim/metrics.h"
#include "keyshift/shim/retry_budget.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace keyshift::shim {

/// What one attempt observed. Views must stay valid until the attempt
/// callable is called again or execute() returns.
struct AttemptResult {
  AttemptKind kind = AttemptKind::Response;
  int status = 0;
  const Headers *headers = nullptr;
  std::string_view body;
  std::string_view response_model; ///< the 2xx body's "model", if known
  int64_t input_tokens = -1;       ///< < 0: not reported
  int64_t output_tokens = -1;
  /// Streams (SHIM_SPEC §1.9): a 2xx response whose body was streamed
  /// reports how the stream ended (None: a unary call). The attempt (and
  /// its permits) lasts until then; usage above comes from the stream.
  StreamEnd stream_end = StreamEnd::None;
  int64_t first_event_ms = -1;        ///< mono time of the first event
  std::string_view first_event_model; ///< its "model", for time to first chunk
};

struct AttemptContext {
  int attempt = 0;                   ///< 0-based
  int64_t deadline_ms = kNoDeadline; ///< mono; the call's total deadline
  int64_t timeout_ms = 0;            ///< for this attempt
  int64_t connect_timeout_ms = 0;
  const CancelToken *cancel = nullptr; ///< the caller's, may be null
};

enum class GiveUpReason {
  None,
  MaxRetries,
  RetryBudget,
  RetryAfterTooLong,
  Deadline
};
std::string_view toString(GiveUpReason v); ///< "" for None

struct CallResult {
  bool success = false;
  int status = 0; ///< of the last response seen, 0 if none
  ErrorKind error_kind = ErrorKind::None;
  GiveUpReason give_up = GiveUpReason::None;
  int attempts = 0;
  int64_t duration_ms = 0;
  StreamEnd stream_end = StreamEnd::None; ///< of the last attempt
  /// The error.type label ("" on success).
  std::string_view errorType(char (&buf)[12]) const {
    return errorTypeLabel(error_kind, status, buf);
  }
};

/// Everything kept per breaker key (server address, port, request model):
/// breaker, budget, limiter and pre-resolved metric series.
class KeyState : private BreakerListener {
public:
  KeyState(std::string server_address, int server_port, std::string model,
           const PolicyConfig &config, MonoClock &clock,
           MetricsRegistry &metrics);
  KeyState(const KeyState &) = delete;
  KeyState &operator=(const KeyState &) = delete;

  const std::string &serverAddress() const { return address_; }
  const std::string &serverPort() const { return port_; }
  const std::string &model() const { return model_; }
  CircuitBreaker &breaker() { return breaker_; }
  RetryBudget &budget() { return budget_; }
  ConcurrencyLimiter &limiter() { return limiter_; }

private:
  friend class Policy;
  void onTransition(CircuitState from, CircuitState to) override;

  std::string address_, port_, model_;
  CircuitBreaker breaker_;
  RetryBudget budget_;
  ConcurrencyLimiter limiter_;
  Counter *attempts_[4]; // by AttemptOutcome
  Counter *retries_[8];  // by RetryReason (index 0 unused)
  Counter *giveups_[5];  // by GiveUpReason (index 0 unused)
  Counter *transitions_[3][3];
  Counter *circuit_rejections_;
  Counter *queue_full_;
  Counter *queue_timeout_;
  Gauge *circuit_state_;
  Gauge *inflight_;
  Gauge *budget_tokens_;
  Histogram *queue_wait_;
};

class Policy {
public:
  Policy(PolicyConfig config, Environment env, MetricsRegistry &metrics);
  ~Policy();

  /// Get-or-create the state of one breaker key; the reference is stable.
  KeyState &key(std::string_view server_address, int server_port,
                std::string_view model);

  /// Runs one logical call. `cancel`, if given, is honoured in the limiter
  /// queue, in backoff sleeps and (through AttemptContext) by the attempt.
  CallResult execute(KeyState &key, OperationInfo op,
                     FunctionRef<AttemptResult(const AttemptContext &)> attempt,
                     const CancelToken *cancel = nullptr);

  const PolicyConfig &config() const { return config_; }
  const Environment &environment() const { return env_; }
  MetricsRegistry &metrics() { return metrics_; }

private:
  void finish(KeyState &key, OperationInfo op, CallResult &result,
              std::string_view response_model, int64_t start_ms);
  void observeTokens(KeyState &key, OperationInfo op, const AttemptResult &r);
  void observeTimeToFirstChunk(KeyState &key, OperationInfo op,
                               const AttemptResult &r, int64_t start_ms);

  PolicyConfig config_;
  Environment env_;
  MetricsRegistry &metrics_;
  std::unique_ptr<ConcurrencyLimiter> global_limiter_;
  std::mutex keys_mu_;
  std::map<std::string, std::unique_ptr<KeyState>, std::less<>> keys_;
};

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_POLICY_H_
