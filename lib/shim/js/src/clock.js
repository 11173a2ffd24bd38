// Injected time, randomness and sleeping (SHIM_SPEC §1.0). Every timing
// decision in the shim goes through these four interfaces so the conformance
// vectors can drive the same code bit-exactly with scripted values.

import { performance } from 'node:perf_hooks';
import { randomFillSync } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

/** Monotonic milliseconds; integer. */
export class MonoClock {
  nowMs() {
    return Math.floor(performance.now());
  }
}

/** Unix epoch milliseconds; used only for HTTP-date Retry-After. */
export class WallClock {
  nowUnixMs() {
    return Date.now();
  }
}

/**
 * Uniform draws in [0, 1) built as (next_u64 >> 11) * 2^-53, the same
 * construction as the C++ and Python ports. Buffered so one draw does not cost
 * one syscall.
 */
export class Rng {
  constructor() {
    this.buf_ = new BigUint64Array(64);
    this.pos_ = this.buf_.length;
  }

  nextUnit() {
    if (this.pos_ === this.buf_.length) {
      randomFillSync(this.buf_);
      this.pos_ = 0;
    }
    const u = this.buf_[this.pos_++];
    return Number(u >> 11n) * 2 ** -53;
  }
}

/** Real sleeper; `signal` lets a caller's cancellation cut a backoff short. */
export class Sleeper {
  async sleep(ms, signal) {
    if (ms <= 0) return;
    await delay(ms, undefined, signal ? { signal } : undefined);
  }
}
