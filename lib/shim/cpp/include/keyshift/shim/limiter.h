// Concurrency limiter (SHIM_SPEC §1.7): max_in_flight permits, a bounded
// FIFO queue, direct hand-off on release (no barging) and waiter timeouts.
// LimiterCore is the deterministic, clock-driven state machine the vectors
// drive; ConcurrencyLimiter wraps it with a mutex and condition variables.
// Waiters are intrusive nodes on the waiting thread's stack: queueing never
// allocates.
#ifndef KEYSHIFT_SHIM_LIMITER_H_
#define KEYSHIFT_SHIM_LIMITER_H_

#include "keyshift/shim/cancel.h"
#include "keyshift/shim/config.h"
#include "keyshift/shim/environment.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace keyshift::shim {

enum class WaiterState { Idle, Queued, Granted, TimedOut, Cancelled };

struct LimiterWaiter {
  uint64_t id = 0; ///< free for the caller (the vectors' "A", "B", ...)
  WaiterState state = WaiterState::Idle;
  int64_t enqueued_at_ms = 0;
  int64_t timeout_at_ms = 0;
  int64_t granted_at_ms = 0;
  LimiterWaiter *prev = nullptr;
  LimiterWaiter *next = nullptr;
  void *user = nullptr; ///< owner context for LimiterEvents
};

/// Told when a queued waiter changes state inside a core operation.
class LimiterEvents {
public:
  virtual ~LimiterEvents() = default;
  virtual void onGranted(LimiterWaiter &w) = 0;
  virtual void onTimedOut(LimiterWaiter &w) = 0;
};

enum class AcquireStatus { Granted, Queued, RejectedQueueFull };

/// Not thread-safe. Every operation first expires the waiters whose
/// timeout_at <= now (FIFO order), then does its work: on a shared
/// timestamp the timeout wins over a release.
class LimiterCore {
public:
  explicit LimiterCore(const LimiterConfig &config = {})
      : max_in_flight_(config.max_in_flight), max_queue_(config.max_queue),
        max_wait_ms_(config.max_wait_ms) {}

  AcquireStatus acquire(LimiterWaiter &w, int64_t now, int64_t deadline_ms,
                        LimiterEvents *events);
  /// Returns a permit: handed to the head waiter if any.
  void release(int64_t now, LimiterEvents *events);
  /// Removes a queued waiter (no-op otherwise).
  void cancel(LimiterWaiter &w, int64_t now, LimiterEvents *events);
  void expire(int64_t now, LimiterEvents *events);

  int inFlight() const { return in_flight_; }
  int queued() const { return queued_; }
  /// The earliest timeout among queued waiters (kNoDeadline if none).
  int64_t nextTimeoutMs() const;

private:
  void unlink(LimiterWaiter &w);

  const int max_in_flight_;
  const int max_queue_;
  const int64_t max_wait_ms_;
  int in_flight_ = 0;
  int queued_ = 0;
  LimiterWaiter *head_ = nullptr;
  LimiterWaiter *tail_ = nullptr;
};

enum class LimitStatus { Granted, QueueFull, Timeout, Cancelled };

struct LimitResult {
  LimitStatus status = LimitStatus::Granted;
  int64_t waited_ms = 0;
};

/// Thread-safe blocking limiter; waits on the real passage of time as
/// measured by `clock` (tests that queue use a real clock).
class ConcurrencyLimiter : private LimiterEvents {
public:
  ConcurrencyLimiter(const LimiterConfig &config, MonoClock &clock)
      : core_(config), clock_(clock) {}

  /// Blocks until granted, the queue is full, min(max_wait, deadline), or
  /// `cancel` is cancelled (the waiter then leaves the queue).
  LimitResult acquire(int64_t deadline_ms = kNoDeadline,
                      const CancelToken *cancel = nullptr);
  void release();
  int inFlight() const;
  int queued() const;

private:
  struct Node;
  void onGranted(LimiterWaiter &w) override;
  void onTimedOut(LimiterWaiter &w) override;

  LimiterCore core_;
  MonoClock &clock_;
  mutable std::mutex mu_;
};

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_LIMITER_H_
