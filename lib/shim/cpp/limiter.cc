#include "keyshift/shim/limiter.h"

#include <algorithm>
#include <chrono>

namespace keyshift::shim {

void LimiterCore::unlink(LimiterWaiter &w) {
  (w.prev ? w.prev->next : head_) = w.next;
  (w.next ? w.next->prev : tail_) = w.prev;
  w.prev = w.next = nullptr;
  --queued_;
}

int64_t LimiterCore::nextTimeoutMs() const {
  int64_t t = kNoDeadline;
  for (LimiterWaiter *w = head_; w; w = w->next)
    t = std::min(t, w->timeout_at_ms);
  return t;
}

void LimiterCore::expire(int64_t now, LimiterEvents *events) {
  for (LimiterWaiter *w = head_; w;) {
    LimiterWaiter *next = w->next;
    if (w->timeout_at_ms <= now) {
      unlink(*w);
      w->state = WaiterState::TimedOut;
      if (events)
        events->onTimedOut(*w);
    }
    w = next;
  }
}

AcquireStatus LimiterCore::acquire(LimiterWaiter &w, int64_t now,
                                   int64_t deadline_ms, LimiterEvents *events) {
  expire(now, events);
  if (in_flight_ < max_in_flight_) {
    ++in_flight_;
    w.state = WaiterState::Granted;
    w.enqueued_at_ms = w.granted_at_ms = now;
    return AcquireStatus::Granted;
  }
  if (queued_ >= max_queue_) {
    w.state = WaiterState::Idle;
    return AcquireStatus::RejectedQueueFull;
  }
  w.state = WaiterState::Queued;
  w.enqueued_at_ms = now;
  int64_t by_wait =
      max_wait_ms_ > kNoDeadline - now ? kNoDeadline : now + max_wait_ms_;
  w.timeout_at_ms = std::min(by_wait, deadline_ms);
  w.prev = tail_;
  w.next = nullptr;
  (tail_ ? tail_->next : head_) = &w;
  tail_ = &w;
  ++queued_;
  return AcquireStatus::Queued;
}

void LimiterCore::release(int64_t now, LimiterEvents *events) {
  expire(now, events);
  if (head_) {
    // Direct hand-off: the permit never becomes free, so nobody can barge.
    LimiterWaiter &w = *head_;
    unlink(w);
    w.state = WaiterState::Granted;
    w.granted_at_ms = now;
    if (events)
      events->onGranted(w);
    return;
  }
  if (in_flight_ > 0)
    --in_flight_;
}

void LimiterCore::cancel(LimiterWaiter &w, int64_t now, LimiterEvents *events) {
  expire(now, events);
  if (w.state != WaiterState::Queued)
    return;
  unlink(w);
  w.state = WaiterState::Cancelled;
}

// The blocking wrapper: one condition variable per waiter, so a hand-off
// wakes exactly the thread that got the permit.
struct ConcurrencyLimiter::Node {
  LimiterWaiter waiter;
  std::condition_variable cv;
};

void ConcurrencyLimiter::onGranted(LimiterWaiter &w) {
  static_cast<Node *>(w.user)->cv.notify_one();
}

void ConcurrencyLimiter::onTimedOut(LimiterWaiter &w) {
  static_cast<Node *>(w.user)->cv.notify_one();
}

LimitResult ConcurrencyLimiter::acquire(int64_t deadline_ms,
                                        const CancelToken *cancel) {
  Node node;
  node.waiter.user = &node;
  // Registered before taking mu_ and destroyed after releasing it: the
  // wake-up takes mu_ under the token's lock, so the order is token -> mu_.
  OnCancel wake(cancel, [&] {
    std::lock_guard<std::mutex> lock(mu_);
    node.cv.notify_one();
  });
  std::unique_lock<std::mutex> lock(mu_);
  int64_t now = clock_.nowMs();
  AcquireStatus status = core_.acquire(node.waiter, now, deadline_ms, this);
  if (status == AcquireStatus::Granted)
    return {LimitStatus::Granted, 0};
  if (status == AcquireStatus::RejectedQueueFull)
    return {LimitStatus::QueueFull, 0};
  while (node.waiter.state == WaiterState::Queued) {
    if (cancel && cancel->cancelled()) {
      core_.cancel(node.waiter, now, this);
      if (node.waiter.state == WaiterState::Cancelled)
        return {LimitStatus::Cancelled, now - node.waiter.enqueued_at_ms};
      break; // granted or timed out in the same step
    }
    int64_t wait_ms = node.waiter.timeout_at_ms - now;
    if (wait_ms > 0)
      node.cv.wait_for(lock, std::chrono::milliseconds(wait_ms));
    now = clock_.nowMs();
    core_.expire(now, this);
  }
  if (node.waiter.state == WaiterState::Granted)
    return {LimitStatus::Granted,
            node.waiter.granted_at_ms - node.waiter.enqueued_at_ms};
  return {LimitStatus::Timeout, now - node.waiter.enqueued_at_ms};
}

void ConcurrencyLimiter::release() {
  std::lock_guard<std::mutex> lock(mu_);
  core_.release(clock_.nowMs(), this);
}

int ConcurrencyLimiter::inFlight() const {
  std::lock_guard<std::mutex> lock(mu_);
  return core_.inFlight();
}

int ConcurrencyLimiter::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return core_.queued();
}

} // namespace keyshift::shim
