// Count-based circuit breaker per key (SHIM_SPEC §1.6). CLOSED admission reads
// one field and never the clock; OPEN and HALF_OPEN read the injected clock.
// Probe generations make a late result from a superseded probe harmless.

import { BreakerOutcome } from './classify.js';

export const CircuitState = Object.freeze({
  CLOSED: 'closed',
  OPEN: 'open',
  HALF_OPEN: 'half_open',
});

/** Gauge values for keyshift_circuit_state. */
export const kCircuitStateValue = Object.freeze({ closed: 0, open: 1, half_open: 2 });

export const kBreakerDefaults = Object.freeze({
  windowSize: 20,
  minCalls: 10,
  failureRatePct: 50,
  consecutiveFailures: 5,
  openBaseMs: 30000,
  openMaxMs: 300000,
  probeTimeoutMs: undefined,  // = openBaseMs
});

/** tryAcquire() result when the breaker rejects; see `retryAfterMs`. */
export const kRejected = -1;

export class CircuitBreaker {
  /**
   * `clock` is a MonoClock; `onTransition(from, to)` feeds metrics.
   */
  constructor(opts = {}, clock, onTransition) {
    const o = { ...kBreakerDefaults, ...stripUndefined(opts) };
    this.windowSize_ = o.windowSize;
    this.minCalls_ = Math.min(o.minCalls, o.windowSize);
    this.pct_ = o.failureRatePct;
    this.consecMax_ = o.consecutiveFailures;
    this.openBase_ = o.openBaseMs;
    this.openMax_ = o.openMaxMs;
    this.probeTimeout_ = o.probeTimeoutMs ?? o.openBaseMs;
    this.clock_ = clock;
    this.onTransition_ = onTransition;

    this.state_ = CircuitState.CLOSED;
    // Ring of outcomes (true = failure) as a fixed array: no allocation per
    // record.
    this.ring_ = new Array(this.windowSize_).fill(false);
    this.ringHead_ = 0;
    this.ringLen_ = 0;
    this.failures_ = 0;
    this.consec_ = 0;
    this.k_ = 0;
    this.openUntil_ = 0;
    this.gen_ = 0;
    this.probeDeadline_ = 0;
    this.probeOut_ = false;
    /** Wait before the next admission could succeed, set on rejection. */
    this.retryAfterMs = 0;
  }

  get state() {
    return this.state_;
  }
  get openUntilMs() {
    return this.openUntil_;
  }
  get windowCalls() {
    return this.ringLen_;
  }
  get windowFailures() {
    return this.failures_;
  }
  get consecutiveFailures() {
    return this.consec_;
  }
  get tripCount() {
    return this.k_;
  }

  /**
   * Returns a permit to pass back to record(): the generation it was
   * admitted under (≥ 0), or kRejected with `retryAfterMs` set. The
   * generation changes on every transition and every probe grant, so a result
   * from an earlier era (a CLOSED call finishing after a trip, a probe whose
   * deadline passed) is recognised as stale and ignored.
   */
  tryAcquire() {
    if (this.state_ === CircuitState.CLOSED) return this.gen_;
    const now = this.clock_.nowMs();
    if (this.state_ === CircuitState.OPEN) {
      if (now < this.openUntil_) {
        this.retryAfterMs = this.openUntil_ - now;
        return kRejected;
      }
      this.transition_(CircuitState.HALF_OPEN);
      return this.grantProbe_(now);
    }
    // HALF_OPEN: a probe past its deadline is presumed lost.
    if (!this.probeOut_ || now >= this.probeDeadline_) return this.grantProbe_(now);
    this.retryAfterMs = this.probeDeadline_ - now;
    return kRejected;
  }

  /** True if `permit` is the outstanding HALF_OPEN probe. */
  isProbe(permit) {
    return this.state_ === CircuitState.HALF_OPEN && this.probeOut_ &&
        permit === this.gen_;
  }

  grantProbe_(now) {
    this.gen_++;
    this.probeDeadline_ = now + this.probeTimeout_;
    this.probeOut_ = true;
    return this.gen_;
  }

  /** Records one attempt's breaker outcome for a permit from tryAcquire(). */
  record(outcome, permit) {
    if (permit !== this.gen_) return;
    if (this.state_ === CircuitState.HALF_OPEN) {
      if (outcome === BreakerOutcome.SUCCESS) {
        this.reset_();
        this.transition_(CircuitState.CLOSED);
      } else if (outcome === BreakerOutcome.FAILURE) {
        this.trip_();
      } else {
        this.probeOut_ = false;
      }
      return;
    }
    if (this.state_ !== CircuitState.CLOSED) return;
    if (outcome === BreakerOutcome.IGNORED) return;
    const failed = outcome === BreakerOutcome.FAILURE;
    this.push_(failed);
    this.consec_ = failed ? this.consec_ + 1 : 0;
    if (this.consec_ >= this.consecMax_ ||
        (this.ringLen_ >= this.minCalls_ &&
         this.failures_ * 100 >= this.pct_ * this.ringLen_)) {
      this.trip_();
    }
  }

  push_(failed) {
    if (this.ringLen_ === this.windowSize_) {
      if (this.ring_[this.ringHead_]) this.failures_--;
    } else {
      this.ringLen_++;
    }
    this.ring_[this.ringHead_] = failed;
    if (failed) this.failures_++;
    this.ringHead_ = (this.ringHead_ + 1) % this.windowSize_;
  }

  reset_() {
    this.ring_.fill(false);
    this.ringHead_ = 0;
    this.ringLen_ = 0;
    this.failures_ = 0;
    this.consec_ = 0;
    this.k_ = 0;
  }

  trip_() {
    this.k_++;
    const now = this.clock_.nowMs();
    this.openUntil_ = now + Math.min(this.openBase_ * this.k_, this.openMax_);
    this.probeOut_ = false;
    this.transition_(CircuitState.OPEN);
  }

  transition_(to) {
    const from = this.state_;
    this.state_ = to;
    this.gen_++;
    if (this.onTransition_) this.onTransition_(from, to);
  }
}

export function stripUndefined(o) {
  const r = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) r[k] = v;
  return r;
}
