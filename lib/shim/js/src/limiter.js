// Concurrency limiter per key (SHIM_SPEC §1.7): FIFO waiters, a permit handed
// straight to the head waiter on release (no barging), bounded queue and
// waiter timeouts. LimiterCore is the deterministic state machine the vectors
// drive; Limiter puts promises and timers around it.

export const kLimiterDefaults = Object.freeze({
  maxInFlight: 64,
  maxQueue: 1024,
  maxWaitMs: 60000,
});

/** Array-backed FIFO; shift() on a plain array is O(n) for long queues. */
class Fifo {
  constructor() {
    this.items_ = [];
    this.head_ = 0;
  }
  get length() {
    return this.items_.length - this.head_;
  }
  push(x) {
    this.items_.push(x);
  }
  peek() {
    return this.items_[this.head_];
  }
  shift() {
    const x = this.items_[this.head_];
    this.items_[this.head_++] = undefined;
    if (this.head_ > 64 && this.head_ * 2 > this.items_.length) {
      this.items_ = this.items_.slice(this.head_);
      this.head_ = 0;
    }
    return x;
  }
  remove(x) {
    const i = this.items_.indexOf(x, this.head_);
    if (i < 0) return false;
    this.items_.splice(i, 1);
    return true;
  }
  *[Symbol.iterator]() {
    for (let i = this.head_; i < this.items_.length; i++) yield this.items_[i];
  }
}

export const AcquireResult = Object.freeze({
  GRANTED: 'granted',
  QUEUED: 'queued',
  QUEUE_FULL: 'queue_full',
});

export class LimiterCore {
  constructor(opts = {}) {
    this.maxInFlight_ = opts.maxInFlight ?? kLimiterDefaults.maxInFlight;
    this.maxQueue_ = opts.maxQueue ?? kLimiterDefaults.maxQueue;
    this.maxWaitMs_ = opts.maxWaitMs ?? kLimiterDefaults.maxWaitMs;
    this.inFlight_ = 0;
    this.queue_ = new Fifo();
  }

  get inFlight() {
    return this.inFlight_;
  }
  get queued() {
    return this.queue_.length;
  }

  /** When a waiter arriving at `nowMs` gives up: min(max_wait, deadline). */
  waitDeadline(nowMs, callDeadlineMs) {
    const d = nowMs + this.maxWaitMs_;
    return callDeadlineMs == null ? d : Math.min(d, callDeadlineMs);
  }

  /** Takes a permit if one is free (and nobody waits); never queues. */
  tryAcquireNow() {
    if (this.inFlight_ < this.maxInFlight_ && this.queue_.length === 0) {
      this.inFlight_++;
      return true;
    }
    return false;
  }

  /**
   * `waiter` is any object; its `deadlineMs` is set from `nowMs` when it is
   * queued.
   */
  acquire(waiter, nowMs, callDeadlineMs) {
    if (this.inFlight_ < this.maxInFlight_ && this.queue_.length === 0) {
      this.inFlight_++;
      return AcquireResult.GRANTED;
    }
    if (this.queue_.length >= this.maxQueue_) return AcquireResult.QUEUE_FULL;
    waiter.deadlineMs = this.waitDeadline(nowMs, callDeadlineMs);
    this.queue_.push(waiter);
    return AcquireResult.QUEUED;
  }

  /**
   * Returns the permit. The head waiter, if any, takes it over directly (the
   * in-flight count does not change) and is returned; otherwise null.
   */
  release() {
    if (this.queue_.length > 0) return this.queue_.shift();
    if (this.inFlight_ > 0) this.inFlight_--;
    return null;
  }

  /** Removes and returns the waiters whose deadline is ≤ nowMs, in order. */
  expire(nowMs) {
    const out = [];
    for (const w of this.queue_) if (w.deadlineMs <= nowMs) out.push(w);
    for (const w of out) this.queue_.remove(w);
    return out;
  }

  /** Removes a cancelled waiter; false if it was not queued. */
  cancel(waiter) {
    return this.queue_.remove(waiter);
  }
}

/**
 * Promise-based limiter. acquire() gives null when a permit is held, or a
 * rejection reason: 'queue_full', 'timeout' or 'cancelled'. It answers
 * synchronously unless the caller has to queue, when it returns a promise of
 * the same. Rejections are values, not exceptions, so a saturated limiter
 * sheds load cheaply.
 */
export class Limiter {
  constructor(opts = {}, clock, timers = globalThis) {
    this.core_ = new LimiterCore(opts);
    this.clock_ = clock;
    this.timers_ = timers;
  }

  get inFlight() {
    return this.core_.inFlight;
  }
  get queued() {
    return this.core_.queued;
  }

  acquire(callDeadlineMs, signal) {
    // Free permit: no clock read, no allocation.
    if (this.core_.tryAcquireNow()) return null;
    const now = this.clock_.nowMs();
    const waiter = { deadlineMs: 0, resolve: null, timer: null, onAbort: null };
    const r = this.core_.acquire(waiter, now, callDeadlineMs);
    if (r === AcquireResult.GRANTED) return null;
    if (r === AcquireResult.QUEUE_FULL) return 'queue_full';
    return new Promise((resolve) => {
      waiter.resolve = resolve;
      const finish = (reason) => {
        if (waiter.timer !== null) this.timers_.clearTimeout(waiter.timer);
        if (waiter.onAbort) signal.removeEventListener('abort', waiter.onAbort);
        resolve(reason);
      };
      waiter.finish = finish;
      waiter.timer = this.timers_.setTimeout(() => {
        waiter.timer = null;
        if (this.core_.cancel(waiter)) finish('timeout');
      }, Math.max(0, waiter.deadlineMs - now));
      if (signal) {
        waiter.onAbort = () => {
          if (this.core_.cancel(waiter)) finish('cancelled');
        };
        if (signal.aborted) waiter.onAbort();
        else signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
    });
  }

  release() {
    const next = this.core_.release();
    if (next !== null) next.finish(null);
  }
}
