#include "keyshift/shim/classify.h"

#include "keyshift/shim/retry_after.h"

#include <nlohmann/json.hpp>

#include <charconv>

namespace keyshift::shim {
namespace {

Classification make(RetryClass rc, BreakerOutcome bo, RetryReason reason,
                    ErrorKind ek, int status) {
  Classification c;
  c.retry_class = rc;
  c.attempt_outcome = rc == RetryClass::Success     ? AttemptOutcome::Success
                      : rc == RetryClass::Retryable ? AttemptOutcome::Retryable
                                                    : AttemptOutcome::Fatal;
  c.breaker_outcome = bo;
  c.retry_reason = rc == RetryClass::Retryable ? reason : RetryReason::None;
  c.error_kind = ek;
  c.status = status;
  return c;
}

// The breaker column of §1.2, which applies whatever the retry column says.
BreakerOutcome breakerOutcomeForStatus(int status, const RetryConfig &cfg) {
  if (status == 429)
    return cfg.breaker_counts_429 ? BreakerOutcome::Failure
                                  : BreakerOutcome::Ignored;
  if (status == 408 || status >= 500)
    return BreakerOutcome::Failure;
  return BreakerOutcome::Success;
}

RetryReason reasonForStatus(int status) {
  if (status == 408)
    return RetryReason::Status408;
  if (status == 409)
    return RetryReason::Status409;
  if (status == 429)
    return RetryReason::Status429;
  return RetryReason::Status5xx;
}

// The rows an attempt without a response shares with a stream's end (§1.9).
Classification cancelledClass() {
  Classification c = make(RetryClass::Fatal, BreakerOutcome::Ignored,
                          RetryReason::None, ErrorKind::Cancelled, 0);
  c.attempt_outcome = AttemptOutcome::Ignored;
  return c;
}
Classification connectionClass() {
  return make(RetryClass::Retryable, BreakerOutcome::Failure,
              RetryReason::Connection, ErrorKind::ConnectionError, 0);
}
Classification timeoutClass() {
  return make(RetryClass::Retryable, BreakerOutcome::Failure,
              RetryReason::Timeout, ErrorKind::Timeout, 0);
}

bool isQuotaMember(const nlohmann::json &error, const char *member) {
  auto it = error.find(member);
  return it != error.end() && it->is_string() &&
         it->get_ref<const std::string &>() == "insufficient_quota";
}

} // namespace

bool isInsufficientQuota(std::string_view body) {
  // Exceptions must not escape the library; parse without them.
  nlohmann::json doc = nlohmann::json::parse(body, nullptr,
                                             /*allow_exceptions=*/false);
  if (!doc.is_object())
    return false;
  auto error = doc.find("error");
  if (error == doc.end() || !error->is_object())
    return false;
  return isQuotaMember(*error, "code") || isQuotaMember(*error, "type");
}

Classification classifyStreamEnd(StreamEnd end) {
  switch (end) {
  case StreamEnd::None:
  case StreamEnd::Complete:
    break;
  case StreamEnd::ConnectionError:
    return connectionClass();
  case StreamEnd::Timeout:
    return timeoutClass();
  case StreamEnd::ErrorEvent:
    return make(RetryClass::Fatal, BreakerOutcome::Failure, RetryReason::None,
                ErrorKind::Other, 0);
  case StreamEnd::Closed:
    return cancelledClass();
  }
  return make(RetryClass::Success, BreakerOutcome::Success, RetryReason::None,
              ErrorKind::None, 0);
}

Classification classify(const Observation &obs, int64_t wall_now_unix_ms,
                        const RetryConfig &cfg) {
  switch (obs.kind) {
  case AttemptKind::Cancelled:
    return cancelledClass();
  case AttemptKind::ConnectionError:
    return connectionClass();
  case AttemptKind::Timeout:
    return timeoutClass();
  case AttemptKind::Response:
    break;
  }
  const int status = obs.status;
  // SHIM_SPEC §1.2: success wins over any header.
  if (status < 400)
    return make(RetryClass::Success, BreakerOutcome::Success, RetryReason::None,
                ErrorKind::None, status);
  const BreakerOutcome bo = breakerOutcomeForStatus(status, cfg);
  static const Headers kNoHeaders;
  const Headers &headers = obs.headers ? *obs.headers : kNoHeaders;
  RetryAfter ra =
      parseRetryAfter(headers, wall_now_unix_ms, cfg.max_retry_after_ms);
  if (ra.kind == RetryAfterKind::TooLong)
    return make(RetryClass::Fatal, bo, RetryReason::None,
                ErrorKind::RetryAfterTooLong, status);
  Classification c;
  auto should_retry = headers.find("x-should-retry");
  if (should_retry && *should_retry == "false") {
    c = make(RetryClass::Fatal, bo, RetryReason::None, ErrorKind::Status,
             status);
  } else if (should_retry && *should_retry == "true") {
    c = make(RetryClass::Retryable, bo, RetryReason::XShouldRetry,
             ErrorKind::Status, status);
  } else if (status == 429 && isInsufficientQuota(obs.body)) {
    c = make(RetryClass::Fatal, bo, RetryReason::None, ErrorKind::Status,
             status);
  } else if (status == 408 || status == 409 || status == 429 || status >= 500) {
    c = make(RetryClass::Retryable, bo, reasonForStatus(status),
             ErrorKind::Status, status);
  } else {
    c = make(RetryClass::Fatal, bo, RetryReason::None, ErrorKind::Status,
             status);
  }
  if (c.retry_class == RetryClass::Retryable &&
      ra.kind == RetryAfterKind::Delay) {
    c.has_retry_after = true;
    c.retry_after_ms = ra.delay_ms;
  }
  return c;
}

std::string_view toString(RetryClass v) {
  switch (v) {
  case RetryClass::Success:
    return "success";
  case RetryClass::Retryable:
    return "retryable";
  case RetryClass::Fatal:
    return "fatal";
  }
  return "";
}

std::string_view toString(AttemptOutcome v) {
  switch (v) {
  case AttemptOutcome::Success:
    return "success";
  case AttemptOutcome::Retryable:
    return "retryable";
  case AttemptOutcome::Fatal:
    return "fatal";
  case AttemptOutcome::Ignored:
    return "ignored";
  }
  return "";
}

std::string_view toString(BreakerOutcome v) {
  switch (v) {
  case BreakerOutcome::Success:
    return "success";
  case BreakerOutcome::Failure:
    return "failure";
  case BreakerOutcome::Ignored:
    return "ignored";
  }
  return "";
}

std::string_view toString(RetryReason v) {
  switch (v) {
  case RetryReason::None:
    return "";
  case RetryReason::Status408:
    return "status_408";
  case RetryReason::Status409:
    return "status_409";
  case RetryReason::Status429:
    return "status_429";
  case RetryReason::Status5xx:
    return "status_5xx";
  case RetryReason::Timeout:
    return "timeout";
  case RetryReason::Connection:
    return "connection";
  case RetryReason::XShouldRetry:
    return "x_should_retry";
  }
  return "";
}

std::string_view toString(StreamEnd v) {
  switch (v) {
  case StreamEnd::None:
    return "";
  case StreamEnd::Complete:
    return "complete";
  case StreamEnd::ConnectionError:
    return "connection_error";
  case StreamEnd::Timeout:
    return "timeout";
  case StreamEnd::ErrorEvent:
    return "error_event";
  case StreamEnd::Closed:
    return "closed";
  }
  return "";
}

std::string_view errorTypeLabel(ErrorKind kind, int status, char (&buf)[12]) {
  switch (kind) {
  case ErrorKind::None:
    return "";
  case ErrorKind::Status: {
    auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), status);
    if (ec != std::errc())
      return "_OTHER";
    return std::string_view(buf, static_cast<size_t>(end - buf));
  }
  case ErrorKind::Timeout:
    return "timeout";
  case ErrorKind::ConnectionError:
    return "connection_error";
  case ErrorKind::CircuitOpen:
    return "circuit_open";
  case ErrorKind::ConcurrencyLimit:
    return "concurrency_limit";
  case ErrorKind::RetryBudget:
    return "retry_budget";
  case ErrorKind::RetryAfterTooLong:
    return "retry_after_too_long";
  case ErrorKind::Cancelled:
    return "cancelled";
  case ErrorKind::Other:
    return "_OTHER";
  }
  return "_OTHER";
}

} // namespace keyshift::shim
