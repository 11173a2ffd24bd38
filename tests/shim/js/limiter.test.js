// The promise-based Limiter around LimiterCore: FIFO hand-off, waiter
// timeouts (fake timers), cancellation and the queue cap.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Limiter } from '../../../lib/shim/js/src/index.js';
import { FakeClock, FakeTimers } from './fakes.js';

test('a release hands the permit to the oldest waiter, without barging', async () => {
  const clock = new FakeClock(0);
  const timers = new FakeTimers();
  const lim = new Limiter({ maxInFlight: 2 }, clock, timers);
  assert.equal(lim.acquire(null), null);
  assert.equal(lim.acquire(null), null);
  const order = [];
  const c = lim.acquire(null).then((r) => order.push(['C', r]));
  const d = lim.acquire(null).then((r) => order.push(['D', r]));
  assert.equal(lim.queued, 2);
  lim.release();
  await c;
  assert.deepEqual(order, [['C', null]]);
  assert.equal(lim.inFlight, 2, 'the permit moved to C; in-flight is unchanged');
  // A newcomer queues behind D even though a permit was just released.
  const e = lim.acquire(null);
  assert.notEqual(e, null);
  assert.equal(lim.queued, 2);
  lim.release();
  await d;
  assert.deepEqual(order, [['C', null], ['D', null]]);
  lim.release();
  assert.equal(await e, null);
  lim.release();
  lim.release();
  lim.release();
  assert.equal(lim.inFlight, 0);
});

test('a queued waiter times out at min(max_wait, deadline)', async () => {
  const clock = new FakeClock(100);
  const timers = new FakeTimers();
  const lim = new Limiter({ maxInFlight: 1, maxWaitMs: 60000 }, clock, timers);
  assert.equal(lim.acquire(null), null);
  const late = lim.acquire(5100);
  const [timer] = [...timers.pending.values()];
  assert.equal(timer.ms, 5000, 'the call deadline is earlier than max_wait');
  timers.fireAll();
  assert.equal(await late, 'timeout');
  assert.equal(lim.queued, 0);
  lim.release();
  assert.equal(lim.inFlight, 0);
});

test('an aborted waiter leaves the queue and resolves to cancelled', async () => {
  const clock = new FakeClock(0);
  const timers = new FakeTimers();
  const lim = new Limiter({ maxInFlight: 1 }, clock, timers);
  lim.acquire(null);
  const ac = new AbortController();
  const p = lim.acquire(null, ac.signal);
  ac.abort();
  assert.equal(await p, 'cancelled');
  assert.equal(lim.queued, 0);
  assert.equal(timers.pending.size, 0, 'its timer was cleared');
});

test('a full queue rejects at once with queue_full', () => {
  const lim = new Limiter({ maxInFlight: 1, maxQueue: 1 }, new FakeClock(0), new FakeTimers());
  assert.equal(lim.acquire(null), null);
  assert.notEqual(lim.acquire(null), null);
  assert.equal(lim.acquire(null), 'queue_full');
});
