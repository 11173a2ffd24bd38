#include "keyshift/shim/policy_json.h"

#include <nlohmann/json.hpp>

#include <string>

namespace keyshift::shim {
namespace {

using nlohmann::json;

// One member: a setter that reads the value (false: wrong type).
template <typename T> bool readInt(const json &v, T &out) {
  if (!v.is_number_integer())
    return false;
  out = v.get<T>();
  return true;
}

bool apply(PolicyConfig &c, const std::string &name, const json &v,
           bool &known) {
  known = true;
  RetryConfig &r = c.retry;
  BreakerConfig &b = c.breaker;
  LimiterConfig &l = c.limiter;
  if (name == "max_retries")
    return readInt(v, r.max_retries);
  if (name == "backoff_mode") {
    if (!v.is_string() || (v != "full" && v != "openai"))
      return false;
    r.backoff_mode = v == "openai" ? BackoffMode::OpenAi : BackoffMode::Full;
    return true;
  }
  if (name == "base_ms")
    return readInt(v, r.base_ms);
  if (name == "cap_ms")
    return readInt(v, r.cap_ms);
  if (name == "max_retry_after_ms")
    return readInt(v, r.max_retry_after_ms);
  if (name == "total_timeout_ms") {
    if (v.is_null()) {
      r.total_timeout_ms = -1;
      return true;
    }
    return readInt(v, r.total_timeout_ms);
  }
  if (name == "attempt_timeout_ms")
    return readInt(v, r.attempt_timeout_ms);
  if (name == "connect_timeout_ms")
    return readInt(v, r.connect_timeout_ms);
  if (name == "breaker_counts_429") {
    if (!v.is_boolean())
      return false;
    r.breaker_counts_429 = v.get<bool>();
    return true;
  }
  if (name == "budget_max_tokens")
    return readInt(v, c.budget.max_tokens);
  if (name == "budget_token_ratio_milli")
    return readInt(v, c.budget.token_ratio_milli);
  if (name == "breaker_window_size")
    return readInt(v, b.window_size);
  if (name == "breaker_min_calls")
    return readInt(v, b.min_calls);
  if (name == "breaker_failure_rate_pct")
    return readInt(v, b.failure_rate_pct);
  if (name == "breaker_consecutive_failures")
    return readInt(v, b.consecutive_failures);
  if (name == "breaker_open_base_ms")
    return readInt(v, b.open_base_ms);
  if (name == "breaker_open_max_ms")
    return readInt(v, b.open_max_ms);
  if (name == "breaker_probe_timeout_ms")
    return readInt(v, b.probe_timeout_ms);
  if (name == "limiter_max_in_flight")
    return readInt(v, l.max_in_flight);
  if (name == "limiter_max_queue")
    return readInt(v, l.max_queue);
  if (name == "limiter_max_wait_ms")
    return readInt(v, l.max_wait_ms);
  if (name == "global_max_in_flight")
    return readInt(v, c.global_max_in_flight);
  if (name == "provider_name") {
    if (!v.is_string())
      return false;
    c.provider_name = v.get<std::string>();
    return true;
  }
  known = false;
  return false;
}

} // namespace

Result<PolicyConfig> applyPolicyJson(PolicyConfig base,
                                     std::string_view json_text,
                                     std::string_view source) {
  const std::string where(source);
  json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object())
    return ShimError{where + ": not a JSON object"};
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    bool known = false;
    if (apply(base, it.key(), it.value(), known))
      continue;
    if (!known)
      return ShimError{where + ": unknown member '" + it.key() + "'"};
    return ShimError{where + ": " + it.key() + ": wrong type or value " +
                     it.value().dump()};
  }
  return base;
}

} // namespace keyshift::shim
