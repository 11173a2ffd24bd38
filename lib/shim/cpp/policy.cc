#include "keyshift/shim/policy.h"

#include "keyshift/shim/backoff.h"

#include <string>

namespace keyshift::shim {

std::string_view toString(GiveUpReason v) {
  switch (v) {
  case GiveUpReason::None:
    return "";
  case GiveUpReason::MaxRetries:
    return "max_retries";
  case GiveUpReason::RetryBudget:
    return "retry_budget";
  case GiveUpReason::RetryAfterTooLong:
    return "retry_after_too_long";
  case GiveUpReason::Deadline:
    return "deadline";
  }
  return "";
}

KeyState::KeyState(std::string server_address, int server_port,
                   std::string model, const PolicyConfig &config,
                   MonoClock &clock, MetricsRegistry &metrics)
    : address_(std::move(server_address)), port_(std::to_string(server_port)),
      model_(std::move(model)), breaker_(config.breaker, this),
      budget_(config.budget), limiter_(config.limiter, clock) {
  // Resolving every series up front keeps the call path free of lookups
  // and allocations, and exports explicit zeros.
  const std::string_view a = address_, m = model_;
  auto with = [&](std::string_view extra) {
    return std::array<std::string_view, 3>{a, m, extra};
  };
  const std::array<std::string_view, 2> key{a, m};
  for (auto o : {AttemptOutcome::Success, AttemptOutcome::Retryable,
                 AttemptOutcome::Fatal, AttemptOutcome::Ignored})
    attempts_[static_cast<int>(o)] =
        &metrics.counter(MetricId::Attempts, with(toString(o)));
  retries_[0] = nullptr;
  for (int r = 1; r < 8; ++r)
    retries_[r] = &metrics.counter(MetricId::Retries,
                                   with(toString(static_cast<RetryReason>(r))));
  giveups_[0] = nullptr;
  for (int g = 1; g < 5; ++g)
    giveups_[g] = &metrics.counter(
        MetricId::RetryGiveups, with(toString(static_cast<GiveUpReason>(g))));
  for (auto &row : transitions_)
    for (auto &c : row)
      c = nullptr;
  const std::pair<CircuitState, CircuitState> kEdges[] = {
      {CircuitState::Closed, CircuitState::Open},
      {CircuitState::Open, CircuitState::HalfOpen},
      {CircuitState::HalfOpen, CircuitState::Open},
      {CircuitState::HalfOpen, CircuitState::Closed}};
  for (auto [from, to] : kEdges) {
    const std::array<std::string_view, 4> labels{a, m, toString(from),
                                                 toString(to)};
    transitions_[static_cast<int>(from)][static_cast<int>(to)] =
        &metrics.counter(MetricId::CircuitTransitions, labels);
  }
  circuit_rejections_ = &metrics.counter(MetricId::CircuitRejections, key);
  queue_full_ =
      &metrics.counter(MetricId::ConcurrencyRejections, with("queue_full"));
  queue_timeout_ =
      &metrics.counter(MetricId::ConcurrencyRejections, with("timeout"));
  circuit_state_ = &metrics.gauge(MetricId::CircuitState, key);
  inflight_ = &metrics.gauge(MetricId::InflightRequests, key);
  budget_tokens_ = &metrics.gauge(MetricId::RetryBudgetTokens, key);
  budget_tokens_->set(static_cast<double>(budget_.tokensMilli()) / 1000.0);
  queue_wait_ = &metrics.histogram(MetricId::QueueWait, key);
}

void KeyState::onTransition(CircuitState from, CircuitState to) {
  if (Counter *c = transitions_[static_cast<int>(from)][static_cast<int>(to)])
    c->inc();
  circuit_state_->set(static_cast<double>(static_cast<int>(to)));
}

Policy::Policy(PolicyConfig config, Environment env, MetricsRegistry &metrics)
    : config_(std::move(config)), env_(env), metrics_(metrics) {
  if (config_.global_max_in_flight > 0) {
    LimiterConfig global = config_.limiter;
    global.max_in_flight = config_.global_max_in_flight;
    global_limiter_ = std::make_unique<ConcurrencyLimiter>(global, *env_.mono);
  }
}

Policy::~Policy() = default;

KeyState &Policy::key(std::string_view server_address, int server_port,
                      std::string_view model) {
  std::string id;
  id.reserve(server_address.size() + model.size() + 8);
  id.append(server_address).append(1, '\0');
  id.append(std::to_string(server_port)).append(1, '\0').append(model);
  std::lock_guard<std::mutex> lock(keys_mu_);
  auto it = keys_.find(id);
  if (it != keys_.end())
    return *it->second;
  auto state = std::make_unique<KeyState>(std::string(server_address),
                                          server_port, std::string(model),
                                          config_, *env_.mono, metrics_);
  KeyState &ref = *state;
  keys_.emplace(std::move(id), std::move(state));
  return ref;
}

void Policy::finish(KeyState &key, OperationInfo op, CallResult &result,
                    std::string_view response_model, int64_t start_ms) {
  result.duration_ms = env_.mono->nowMs() - start_ms;
  char buf[12];
  const std::array<std::string_view, 8> labels{
      op.operation_name,  config_.provider_name,
      key.model_,         result.success ? response_model : std::string_view(),
      key.address_,       key.port_,
      op.openai_api_type, result.errorType(buf)};
  // ms / 1000.0 (not ms * 0.001) so 10 ms is exactly the bound 0.01.
  metrics_.histogram(MetricId::OperationDuration, labels)
      .observe(static_cast<double>(result.duration_ms) / 1000.0);
}

void Policy::observeTimeToFirstChunk(KeyState &key, OperationInfo op,
                                     const AttemptResult &r, int64_t start_ms) {
  if (r.first_event_ms < 0)
    return;
  const std::array<std::string_view, 8> labels{
      op.operation_name,  config_.provider_name,
      key.model_,         r.first_event_model,
      key.address_,       key.port_,
      op.openai_api_type, ""};
  metrics_.histogram(MetricId::TimeToFirstChunk, labels)
      .observe(static_cast<double>(r.first_event_ms - start_ms) / 1000.0);
}

void Policy::observeTokens(KeyState &key, OperationInfo op,
                           const AttemptResult &r) {
  for (int t = 0; t < 2; ++t) {
    const int64_t n = t == 0 ? r.input_tokens : r.output_tokens;
    if (n < 0)
      continue;
    const std::array<std::string_view, 8> labels{
        op.operation_name, config_.provider_name, t == 0 ? "input" : "output",
        key.model_,        r.response_model,      key.address_,
        key.port_,         op.openai_api_type};
    metrics_.histogram(MetricId::TokenUsage, labels)
        .observe(static_cast<double>(n));
  }
}

CallResult
Policy::execute(KeyState &key, OperationInfo op,
                FunctionRef<AttemptResult(const AttemptContext &)> attempt,
                const CancelToken *cancel) {
  MonoClock &mono = *env_.mono;
  const RetryConfig &rc = config_.retry;
  const int64_t start = mono.nowMs();
  const int64_t deadline =
      rc.total_timeout_ms >= 0 ? start + rc.total_timeout_ms : kNoDeadline;
  CallResult result;
  auto fail = [&](ErrorKind kind) {
    result.error_kind = kind;
    finish(key, op, result, {}, start);
    return result;
  };
  for (int i = 0;; ++i) {
    if (cancel && cancel->cancelled())
      return fail(ErrorKind::Cancelled);
    // 1. Concurrency permit, held for this attempt only (for a stream:
    // until the stream ends, since the attempt lasts that long).
    if (global_limiter_) {
      LimitResult g = global_limiter_->acquire(deadline, cancel);
      if (g.status == LimitStatus::Cancelled)
        return fail(ErrorKind::Cancelled);
      if (g.status != LimitStatus::Granted) {
        (g.status == LimitStatus::QueueFull ? key.queue_full_
                                            : key.queue_timeout_)
            ->inc();
        return fail(ErrorKind::ConcurrencyLimit);
      }
    }
    LimitResult lr = key.limiter_.acquire(deadline, cancel);
    if (lr.status != LimitStatus::Granted) {
      if (global_limiter_)
        global_limiter_->release();
      if (lr.status == LimitStatus::Cancelled)
        return fail(ErrorKind::Cancelled);
      (lr.status == LimitStatus::QueueFull ? key.queue_full_
                                           : key.queue_timeout_)
          ->inc();
      return fail(ErrorKind::ConcurrencyLimit);
    }
    key.queue_wait_->observe(static_cast<double>(lr.waited_ms) / 1000.0);
    key.inflight_->add(1);
    auto release = [&] {
      key.limiter_.release();
      key.inflight_->add(-1);
      if (global_limiter_)
        global_limiter_->release();
    };
    // 2. Breaker admission; an open circuit is never retried.
    BreakerPermit permit = key.breaker_.tryAcquire(mono);
    if (!permit.admitted) {
      release();
      key.circuit_rejections_->inc();
      return fail(ErrorKind::CircuitOpen);
    }
    // 3. The attempt itself, then all the bookkeeping.
    AttemptContext ctx;
    ctx.attempt = i;
    ctx.deadline_ms = deadline;
    ctx.cancel = cancel;
    const int64_t now0 = mono.nowMs();
    ctx.timeout_ms = deadline == kNoDeadline
                         ? rc.attempt_timeout_ms
                         : std::min(rc.attempt_timeout_ms, deadline - now0);
    ctx.connect_timeout_ms = std::min(rc.connect_timeout_ms, ctx.timeout_ms);
    AttemptResult r = attempt(ctx);
    ++result.attempts;
    // A streamed 2xx is classified by how the stream ended (§1.9).
    const bool committed_stream = r.stream_end != StreamEnd::None &&
                                  r.kind == AttemptKind::Response &&
                                  r.status >= 200 && r.status < 300;
    Classification c;
    if (committed_stream) {
      c = classifyStreamEnd(r.stream_end);
      result.stream_end = r.stream_end;
      observeTimeToFirstChunk(key, op, r, start);
    } else {
      Observation obs{r.kind, r.status, r.headers, r.body};
      c = classify(obs, env_.wall->nowUnixMs(), rc);
    }
    key.breaker_.record(permit, c.breaker_outcome, mono);
    int64_t tokens = key.budget_.record(c.attempt_outcome);
    key.budget_tokens_->set(static_cast<double>(tokens) / 1000.0);
    release();
    key.attempts_[static_cast<int>(c.attempt_outcome)]->inc();
    if (r.kind == AttemptKind::Response)
      result.status = r.status;
    // 4. Done?
    if (c.retry_class == RetryClass::Success) {
      result.success = true;
      result.error_kind = ErrorKind::None;
      observeTokens(key, op, r);
      finish(key, op, result, r.response_model, start);
      return result;
    }
    if (committed_stream) {
      // Committed: the end is the call's outcome, never retried (§1.9);
      // the tokens were spent whatever the end.
      observeTokens(key, op, r);
      return fail(c.error_kind);
    }
    if (c.retry_class == RetryClass::Fatal) {
      if (c.error_kind == ErrorKind::RetryAfterTooLong) {
        result.give_up = GiveUpReason::RetryAfterTooLong;
        key.giveups_[static_cast<int>(GiveUpReason::RetryAfterTooLong)]->inc();
      }
      return fail(c.error_kind);
    }
    if (i >= rc.max_retries) {
      result.give_up = GiveUpReason::MaxRetries;
      key.giveups_[static_cast<int>(GiveUpReason::MaxRetries)]->inc();
      return fail(c.error_kind);
    }
    // 5. The delay (one RNG draw unless Retry-After applies), then the
    // give-up checks in the spec's order.
    const int64_t delay =
        c.has_retry_after ? c.retry_after_ms
                          : backoffDelayMs(rc.backoff_mode, rc.base_ms,
                                           rc.cap_ms, i, env_.rng->nextUnit());
    GiveUpReason give_up = GiveUpReason::None;
    if (!key.budget_.allowRetry())
      give_up = GiveUpReason::RetryBudget;
    else if (deadline != kNoDeadline && mono.nowMs() + delay >= deadline)
      give_up = GiveUpReason::Deadline;
    if (give_up != GiveUpReason::None) {
      result.give_up = give_up;
      key.giveups_[static_cast<int>(give_up)]->inc();
      return fail(give_up == GiveUpReason::RetryBudget ? ErrorKind::RetryBudget
                                                       : ErrorKind::Timeout);
    }
    // 6. Sleep, holding no permit.
    key.retries_[static_cast<int>(c.retry_reason)]->inc();
    if (cancel) {
      if (env_.sleeper->sleepOrCancel(delay, *cancel))
        return fail(ErrorKind::Cancelled);
    } else {
      env_.sleeper->sleepMs(delay);
    }
  }
}

} // namespace keyshift::shim
