// Retry classification of one attempt (SHIM_SPEC §1.2): what the retry
// loop does next, what the circuit breaker records, which metric labels
// apply. Pure and allocation-free except when a 429 body must be parsed
// for `insufficient_quota`.
#ifndef KEYSHIFT_SHIM_CLASSIFY_H_
#define KEYSHIFT_SHIM_CLASSIFY_H_

#include "keyshift/shim/config.h"
#include "keyshift/shim/headers.h"

#include <cstdint>
#include <string_view>

namespace keyshift::shim {

enum class RetryClass { Success, Retryable, Fatal };
/// keyshift_attempts_total{outcome}; also what the retry budget consumes.
enum class AttemptOutcome { Success, Retryable, Fatal, Ignored };
enum class BreakerOutcome { Success, Failure, Ignored };
/// keyshift_retries_total{reason}.
enum class RetryReason {
  None,
  Status408,
  Status409,
  Status429,
  Status5xx,
  Timeout,
  Connection,
  XShouldRetry
};
/// The error.type label when an attempt ends a call (Status: the code).
enum class ErrorKind {
  None,
  Status,
  Timeout,
  ConnectionError,
  CircuitOpen,
  ConcurrencyLimit,
  RetryBudget,
  RetryAfterTooLong,
  Cancelled,
  Other
};

/// What happened to one attempt.
enum class AttemptKind { Response, ConnectionError, Timeout, Cancelled };

/// How a committed stream ended (SHIM_SPEC §1.9); None for a unary call.
enum class StreamEnd {
  None,
  Complete,
  ConnectionError,
  Timeout,
  ErrorEvent,
  Closed
};

struct Observation {
  AttemptKind kind = AttemptKind::Response;
  int status = 0;
  const Headers *headers = nullptr; ///< may be null
  std::string_view body;
};

struct Classification {
  RetryClass retry_class = RetryClass::Success;
  AttemptOutcome attempt_outcome = AttemptOutcome::Success;
  BreakerOutcome breaker_outcome = BreakerOutcome::Success;
  RetryReason retry_reason = RetryReason::None;
  ErrorKind error_kind = ErrorKind::None;
  int status = 0;
  /// Set when a valid Retry-After (<= cap) came with a retryable outcome.
  bool has_retry_after = false;
  int64_t retry_after_ms = 0;
};

Classification classify(const Observation &obs, int64_t wall_now_unix_ms,
                        const RetryConfig &config);

/// The §1.9 table: what a committed stream's end means for the attempt, the
/// breaker and the call. Complete is a success; the others end the call
/// (the pipeline never retries after a commit).
Classification classifyStreamEnd(StreamEnd end);

/// True if `body` is JSON with error.code or error.type ==
/// "insufficient_quota".
bool isInsufficientQuota(std::string_view body);

std::string_view toString(RetryClass v);
std::string_view toString(AttemptOutcome v);
std::string_view toString(BreakerOutcome v);
std::string_view toString(RetryReason v); ///< "" for None
std::string_view toString(StreamEnd v);   ///< "" for None
/// The label value; Status kinds need the status code, written to `buf`.
std::string_view errorTypeLabel(ErrorKind kind, int status, char (&buf)[12]);

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_CLASSIFY_H_
