// Deterministic stand-ins for the shim's injected interfaces (SHIM_SPEC §1.0),
// shared by the vector runner, the unit tests and the end-to-end test.

import assert from 'node:assert/strict';

export class FakeClock {
  constructor(now = 0) {
    this.now = now;
  }
  nowMs() {
    return this.now;
  }
  set(ms) {
    assert.ok(ms >= this.now, `fake clock: cannot go back from ${this.now} to ${ms}`);
    this.now = ms;
  }
}

/** Wall time = offset + mono, as the vectors define it. */
export class FakeWallClock {
  constructor(mono, offsetMs = 0) {
    this.mono = mono;
    this.offsetMs = offsetMs;
  }
  nowUnixMs() {
    return this.offsetMs + this.mono.nowMs();
  }
}

/** Returns the listed draws in order; asking for more is a failure. */
export class FakeRng {
  constructor(draws = []) {
    this.draws = [...draws];
    this.used = 0;
  }
  nextUnit() {
    assert.ok(this.used < this.draws.length,
              `fake rng: asked for draw ${this.used + 1} but only ${this.draws.length} listed`);
    return this.draws[this.used++];
  }
  assertAllConsumed() {
    assert.equal(this.used, this.draws.length, 'fake rng: not every listed draw was consumed');
  }
}

/** Records every sleep and advances the fake clock instead of waiting. */
export class FakeSleeper {
  constructor(clock) {
    this.clock = clock;
    this.sleeps = [];
  }
  async sleep(ms) {
    this.sleeps.push(ms);
    if (this.clock) this.clock.set(this.clock.nowMs() + ms);
  }
}

/** A run-time fake key: never a realistic literal in the source. */
export function fakeApiKey() {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let s = '';
  for (let i = 0; i < 24; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return 'sk-' + 'test-' + s;
}

/** Timers the test fires by hand: no wall-clock waiting. */
export class FakeTimers {
  constructor() {
    this.pending = new Map();
    this.nextId = 1;
  }
  setTimeout(fn, ms) {
    const id = this.nextId++;
    this.pending.set(id, { fn, ms });
    return id;
  }
  clearTimeout(id) {
    this.pending.delete(id);
  }
  /** Fires every pending timer, oldest first. */
  fireAll() {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, t] of due) t.fn();
  }
}
