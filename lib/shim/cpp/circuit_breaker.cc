#include "keyshift/shim/circuit_breaker.h"

#include <algorithm>

namespace keyshift::shim {

std::string_view toString(CircuitState s) {
  switch (s) {
  case CircuitState::Closed:
    return "closed";
  case CircuitState::Open:
    return "open";
  case CircuitState::HalfOpen:
    return "half_open";
  }
  return "";
}

CircuitBreaker::CircuitBreaker(const BreakerConfig &config,
                               BreakerListener *listener)
    : window_size_(std::max(1, config.window_size)),
      min_calls_(std::max(1, std::min(config.min_calls, window_size_))),
      failure_rate_pct_(config.failure_rate_pct),
      consecutive_limit_(config.consecutive_failures),
      open_base_ms_(config.open_base_ms), open_max_ms_(config.open_max_ms),
      probe_timeout_ms_(config.probe_timeout_ms < 0 ? config.open_base_ms
                                                    : config.probe_timeout_ms),
      listener_(listener), ring_(static_cast<size_t>(window_size_), 0) {}

void CircuitBreaker::transition(CircuitState to) {
  uint64_t word = word_.load(std::memory_order_relaxed);
  auto from = static_cast<CircuitState>(word & kStateMask);
  uint64_t gen = (word >> kGenShift) + 1;
  word_.store((gen << kGenShift) | static_cast<uint64_t>(to),
              std::memory_order_release);
  if (from != to && listener_)
    listener_->onTransition(from, to);
}

void CircuitBreaker::clearWindow() {
  std::fill(ring_.begin(), ring_.end(), 0);
  ring_head_ = ring_size_ = ring_failures_ = consecutive_ = 0;
}

void CircuitBreaker::trip(int64_t now) {
  ++trip_count_;
  // open_base * k saturates at open_max long before int64 overflow matters.
  int64_t open_ms = open_base_ms_ * trip_count_;
  if (trip_count_ > 0 && open_ms / trip_count_ != open_base_ms_)
    open_ms = open_max_ms_;
  open_until_ms_ = now + std::min(open_ms, open_max_ms_);
  probe_outstanding_ = false;
  transition(CircuitState::Open);
}

BreakerPermit CircuitBreaker::acquireSlow(MonoClock &clock) {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t word = word_.load(std::memory_order_relaxed);
  auto state = static_cast<CircuitState>(word & kStateMask);
  if (state == CircuitState::Closed)
    return BreakerPermit{true, false, word >> kGenShift, 0};
  const int64_t now = clock.nowMs();
  if (state == CircuitState::Open && now < open_until_ms_)
    return BreakerPermit{false, false, 0, open_until_ms_ - now};
  if (state == CircuitState::HalfOpen && probe_outstanding_ &&
      now < probe_deadline_ms_)
    return BreakerPermit{false, false, 0, probe_deadline_ms_ - now};
  // OPEN past open_until, or HALF_OPEN with a free or expired probe slot:
  // this caller is the probe of a new generation.
  probe_outstanding_ = true;
  probe_deadline_ms_ = now + probe_timeout_ms_;
  transition(CircuitState::HalfOpen);
  return BreakerPermit{true, true,
                       word_.load(std::memory_order_relaxed) >> kGenShift, 0};
}

void CircuitBreaker::record(const BreakerPermit &permit, BreakerOutcome outcome,
                            MonoClock &clock) {
  if (!permit.admitted)
    return;
  // A non-probe IGNORED changes nothing, so it needs no lock.
  if (outcome == BreakerOutcome::Ignored && !permit.probe)
    return;
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t word = word_.load(std::memory_order_relaxed);
  if ((word >> kGenShift) != permit.generation)
    return; // stale
  auto state = static_cast<CircuitState>(word & kStateMask);
  if (state == CircuitState::HalfOpen) {
    if (!permit.probe)
      return;
    if (outcome == BreakerOutcome::Ignored) {
      probe_outstanding_ = false;
      return;
    }
    if (outcome == BreakerOutcome::Success) {
      clearWindow();
      trip_count_ = 0;
      probe_outstanding_ = false;
      transition(CircuitState::Closed);
      return;
    }
    trip(clock.nowMs());
    return;
  }
  if (state != CircuitState::Closed)
    return;
  const bool failure = outcome == BreakerOutcome::Failure;
  if (ring_size_ == window_size_) {
    ring_failures_ -= ring_[static_cast<size_t>(ring_head_)];
  } else {
    ++ring_size_;
  }
  ring_[static_cast<size_t>(ring_head_)] = failure ? 1 : 0;
  ring_failures_ += failure ? 1 : 0;
  ring_head_ = (ring_head_ + 1) % window_size_;
  consecutive_ = failure ? consecutive_ + 1 : 0;
  const bool by_count = consecutive_ >= consecutive_limit_;
  const bool by_rate = ring_size_ >= min_calls_ &&
                       static_cast<int64_t>(ring_failures_) * 100 >=
                           static_cast<int64_t>(failure_rate_pct_) * ring_size_;
  if (by_count || by_rate)
    trip(clock.nowMs());
}

BreakerSnapshot CircuitBreaker::snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  BreakerSnapshot s;
  s.state = state();
  s.open_until_ms = open_until_ms_;
  s.probe_deadline_ms = probe_deadline_ms_;
  s.trip_count = trip_count_;
  s.consecutive_failures = consecutive_;
  s.window_calls = ring_size_;
  s.window_failures = ring_failures_;
  return s;
}

} // namespace keyshift::shim
