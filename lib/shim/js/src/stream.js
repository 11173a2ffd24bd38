// A committed stream (SHIM_SPEC §1.9): the attempt that produced it stays
// open until the stream ends, errors, or is closed by the caller, and only
// then are its permits released and its outcome recorded. The stream object
// the SDK returned is kept (its other members still work); its async
// iterator is replaced by one that reports every event and the end here.

import { BreakerOutcome } from './classify.js';
import { streamEndOfError } from './errors.js';

// end -> [breaker outcome, attempt outcome (budget), error_type]
const kEnds = Object.freeze({
  complete: [BreakerOutcome.SUCCESS, 'success', null],
  connection_error: [BreakerOutcome.FAILURE, 'retryable', 'connection_error'],
  timeout: [BreakerOutcome.FAILURE, 'retryable', 'timeout'],
  error_event: [BreakerOutcome.FAILURE, 'fatal', '_OTHER'],
  closed: [BreakerOutcome.IGNORED, 'ignored', 'cancelled'],
});

// A stream dropped unread (or mid-way) by the caller is closed when it is
// collected, so its permit does not leak.
const kCollected = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((lease) => lease.end('closed'))
  : null;

function nested(chunk, member) {
  const v = chunk?.[member];
  if (v !== undefined && v !== null) return v;
  const r = chunk?.response?.[member] ?? chunk?.data?.[member];
  return r === undefined ? null : r;
}


export class StreamLease {
  /**
   * `opts`: {idleTimeoutMs, signal}. The idle timeout (the attempt timeout
   * between two events) and the call's `deadline` end the stream with
   * `timeout`; both run on the Shim's clock and timers.
   */
  constructor(shim, site, startMs, ticket, deadline, opts, signal) {
    this.shim = shim;
    this.site = site;
    this.startMs = startMs;
    this.ticket = ticket;
    this.deadline = deadline;
    this.idleMs = typeof opts === 'object' ? opts.idleTimeoutMs ?? null : null;
    this.signal = signal;
    this.controller = null;
    this.ended = null;
    this.first = true;
    this.model = '';
    this.usage = null;
    this.lastEventMs = startMs;
    this.timer = null;
    this.timedOut = false;
    this.armed = false;
    this.waiting = null;
  }

  /** Shadows `stream`'s async iterator and returns `stream`. */
  instrument(stream) {
    const inner = stream[Symbol.asyncIterator].bind(stream);
    // openai-node's Stream: aborting it is how a caller (or our timeout)
    // stops the transfer.
    this.controller = stream.controller ?? null;
    const lease = this;
    Object.defineProperty(stream, Symbol.asyncIterator, {
      configurable: true,
      value: function keyshiftStream() {
        return lease.iterator(inner());
      },
    });
    kCollected?.register(stream, this, this);
    return stream;
  }

  iterator(it) {
    const lease = this;
    return {
      next() {
        return lease.next(it);
      },
      return(value) {
        lease.end('closed');
        const r = typeof it.return === 'function' ? it.return(value) : undefined;
        return Promise.resolve(r).then(() => ({ done: true, value }));
      },
      throw(err) {
        lease.end('closed');
        return typeof it.throw === 'function' ? it.throw(err) : Promise.reject(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  next(it) {
    if (this.ended !== null) return it.next();
    if (!this.armed) this.arm();
    if (this.timer === null) return it.next().then((r) => this.settle(r), (e) => this.reject(e));
    // Watched: the timer can end the wait (`waiting`), whatever the inner
    // iterator does. One promise per event, none kept once settled.
    return new Promise((resolve, reject) => {
      this.waiting = reject;
      it.next().then((r) => {
        this.waiting = null;
        try {
          resolve(this.settle(r));
        } catch (err) {
          reject(err);
        }
      }, (err) => {
        this.waiting = null;
        reject(this.failWith(err));
      });
    });
  }

  settle(r) {
    if (this.timedOut) throw this.failWith(null);
    if (r.done) {
      const aborted = this.signal?.aborted || this.controller?.signal?.aborted;
      this.end(aborted ? 'closed' : 'complete');
      return r;
    }
    this.event(r.value);
    return r;
  }

  reject(err) {
    throw this.failWith(err);
  }

  /** Records one event: time to first chunk, the model, the last usage. */
  event(chunk) {
    if (this.timer !== null || this.first) this.lastEventMs = this.shim.clock.nowMs();
    const model = nested(chunk, 'model');
    const m = typeof model === 'string' ? model : '';
    if (this.first) {
      this.first = false;
      this.shim.opHandles_(this.site, m).ttfc
          .observe((this.lastEventMs - this.startMs) / 1000);
    }
    if (m) this.model = m;
    const u = nested(chunk, 'usage');
    if (u !== null && typeof u === 'object') this.usage = u;
  }

  /** Ends the attempt once (later calls do nothing); `how` is a kEnds key. */
  end(how) {
    if (this.ended !== null) return;
    this.ended = how;
    if (this.timer !== null) this.shim.timers.clearTimeout(this.timer);
    this.timer = null;
    kCollected?.unregister(this);
    const shim = this.shim;
    const ks = this.site.ks;
    const [breakerOutcome, outcome, errorType] = kEnds[how];
    ks.breaker.record(breakerOutcome, this.ticket);
    ks.budget.record(outcome);
    ks.budgetGauge.set(ks.budget.milliTokens / 1000);
    shim.releasePermits_(ks);
    ks.countAttempt(outcome);
    const seconds = (shim.clock.nowMs() - this.startMs) / 1000;
    if (errorType === null) {
      shim.opHandles_(this.site, this.model).duration.observe(seconds);
    } else {
      shim.metrics.histogram('gen_ai_client_operation_duration_seconds',
                             shim.opLabels_(ks, this.site, '', errorType)).observe(seconds);
    }
    // Tokens were spent whatever the end.
    const u = this.usage;
    if (u !== null) {
      const h = shim.opHandles_(this.site, this.model);
      const input = u.prompt_tokens ?? u.input_tokens;
      const output = u.completion_tokens ?? u.output_tokens;
      if (typeof input === 'number') h.input.observe(input);
      if (typeof output === 'number') h.output.observe(output);
    }
  }

  /** Ends the stream on what its iteration threw; returns what to throw. */
  failWith(err) {
    if (this.timedOut) {
      this.end('timeout');
      return this.timeoutError;
    }
    const how = streamEndOfError(err, this.signal);
    this.end(how);
    try {
      err.keyshiftReason = how === 'closed' ? 'cancelled' : null;
      err.keyshiftErrorType = kEnds[how][2];
    } catch {
      // A frozen error keeps its identity.
    }
    return err;
  }

  // The idle timeout and the deadline, one timer per stream: each event only
  // moves lastEventMs, and the timer re-arms itself for what is left.
  arm() {
    this.armed = true;
    if (this.idleMs === null && this.deadline === null) return;
    this.lastEventMs = this.shim.clock.nowMs();
    this.schedule();
  }

  dueMs() {
    const idleDue = this.idleMs === null ? Infinity : this.lastEventMs + this.idleMs;
    return Math.min(idleDue, this.deadline ?? Infinity);
  }

  schedule() {
    const wait = Math.max(0, this.dueMs() - this.shim.clock.nowMs());
    this.timer = this.shim.timers.setTimeout(() => this.onTimer(), wait);
    this.timer?.unref?.();
  }

  onTimer() {
    this.timer = null;
    if (this.ended !== null) return;
    if (this.shim.clock.nowMs() < this.dueMs()) {
      this.schedule();
      return;
    }
    this.timedOut = true;
    const err = new Error('keyshift shim: the stream timed out');
    err.name = 'KeyshiftStreamTimeout';
    err.keyshiftReason = null;
    err.keyshiftErrorType = 'timeout';
    this.timeoutError = err;
    this.controller?.abort();
    if (this.waiting !== null) this.waiting(this.failWith(null));
  }
}
