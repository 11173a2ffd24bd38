// Circuit breaker (SHIM_SPEC §1.6): count-based ring, consecutive-failure
// and failure-rate trips, linear open-time growth with a cap, a single
// HALF_OPEN probe guarded by generations. The CLOSED admission is one
// acquire-load of a packed (generation, state) word: no clock, no lock, no
// allocation; every other path takes the mutex.
#ifndef KEYSHIFT_SHIM_CIRCUIT_BREAKER_H_
#define KEYSHIFT_SHIM_CIRCUIT_BREAKER_H_

#include "keyshift/shim/classify.h"
#include "keyshift/shim/config.h"
#include "keyshift/shim/environment.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string_view>
#include <vector>

namespace keyshift::shim {

enum class CircuitState : uint8_t { Closed = 0, Open = 1, HalfOpen = 2 };
std::string_view toString(CircuitState s);

/// The result of tryAcquire; an admitted one is the permit to record on.
struct BreakerPermit {
  bool admitted = false;
  bool probe = false;
  uint64_t generation = 0;
  int64_t retry_after_ms = 0; ///< for rejections
};

/// Told about every state transition, under the breaker's lock; must not
/// call back into the breaker.
class BreakerListener {
public:
  virtual ~BreakerListener() = default;
  virtual void onTransition(CircuitState from, CircuitState to) = 0;
};

struct BreakerSnapshot {
  CircuitState state = CircuitState::Closed;
  int64_t open_until_ms = 0;
  int64_t probe_deadline_ms = 0;
  int trip_count = 0; ///< the spec's k
  int consecutive_failures = 0;
  int window_calls = 0;
  int window_failures = 0;
};

class CircuitBreaker {
public:
  explicit CircuitBreaker(const BreakerConfig &config = {},
                          BreakerListener *listener = nullptr);
  CircuitBreaker(const CircuitBreaker &) = delete;
  CircuitBreaker &operator=(const CircuitBreaker &) = delete;

  /// `clock` is read only outside CLOSED.
  BreakerPermit tryAcquire(MonoClock &clock) {
    uint64_t word = word_.load(std::memory_order_acquire);
    if ((word & kStateMask) == static_cast<uint64_t>(CircuitState::Closed))
        [[likely]]
      return BreakerPermit{true, false, word >> kGenShift, 0};
    return acquireSlow(clock);
  }

  /// Records the outcome of an admitted permit; stale permits (from another
  /// generation) are ignored. `clock` is read only when the state changes.
  void record(const BreakerPermit &permit, BreakerOutcome outcome,
              MonoClock &clock);

  CircuitState state() const {
    return static_cast<CircuitState>(word_.load(std::memory_order_acquire) &
                                     kStateMask);
  }
  BreakerSnapshot snapshot() const;

private:
  static constexpr uint64_t kStateMask = 3;
  static constexpr int kGenShift = 2;

  BreakerPermit acquireSlow(MonoClock &clock);
  void transition(CircuitState to); // bumps the generation; needs mu_
  void trip(int64_t now);           // needs mu_
  void clearWindow();               // needs mu_

  const int window_size_;
  const int min_calls_;
  const int failure_rate_pct_;
  const int consecutive_limit_;
  const int64_t open_base_ms_;
  const int64_t open_max_ms_;
  const int64_t probe_timeout_ms_;
  BreakerListener *const listener_;

  std::atomic<uint64_t> word_{0};
  mutable std::mutex mu_;
  // Everything below is guarded by mu_.
  std::vector<uint8_t> ring_; ///< 1 = failure
  int ring_head_ = 0;
  int ring_size_ = 0;
  int ring_failures_ = 0;
  int consecutive_ = 0;
  int trip_count_ = 0;
  int64_t open_until_ms_ = 0;
  int64_t probe_deadline_ms_ = 0;
  bool probe_outstanding_ = false;
};

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_CIRCUIT_BREAKER_H_
