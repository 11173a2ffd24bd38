// Pipeline behaviour the conformance vectors do not reach: rejections as
// ShimError values, the limiter inside the pipeline, cancellation during a
// backoff sleep, and errors the shim does not understand.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Shim, ShimError } from '../../../lib/shim/js/src/index.js';
import { FakeClock, FakeRng, FakeSleeper, FakeTimers } from './fakes.js';

const call = { operationName: 'chat', apiType: 'chat_completions', model: 'm',
               serverAddress: 'proxy.test', serverPort: 443 };
const ok = { obs: { kind: 'response', status: 200 }, value: { model: 'm-1' } };
const s503 = () => ({ obs: { kind: 'response', status: 503 }, error: new Error('503') });

function counter(shim, name, labels) {
  const fam = shim.metricsSnapshot().metrics.find((f) => f.name === name);
  return fam.series.filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((a, s) => a + s.value, 0);
}

test('an open breaker rejects with a ShimError carrying circuit_open and retry-after', async () => {
  const clock = new FakeClock(0);
  const shim = new Shim({ clock, sleeper: new FakeSleeper(clock), rng: new FakeRng([]),
                          maxRetries: 0, breaker: { consecutiveFailures: 1 } });
  await assert.rejects(shim.execute(async () => s503(), call), { message: '503' });
  clock.set(1000);
  let attempted = false;
  const err = await shim.execute(async () => {
    attempted = true;
    return ok;
  }, call).then(() => null, (e) => e);
  assert.ok(err instanceof ShimError);
  assert.equal(err.reason, 'circuit_open');
  assert.equal(err.errorType, 'circuit_open');
  // What every failure carries (SHIM_SPEC), so the stream helpers' wrapping
  // OpenAIError still tells the outcome through its cause.
  assert.equal(err.keyshiftErrorType, 'circuit_open');
  assert.equal(err.keyshiftReason, 'circuit_open');
  assert.equal(err.retryAfterMs, 29000);
  assert.equal(attempted, false);
  assert.equal(counter(shim, 'keyshift_circuit_rejections_total', {}), 1);
  assert.equal(counter(shim, 'keyshift_circuit_state', {}), 1);
  assert.equal(counter(shim, 'keyshift_inflight_requests', {}), 0, 'the permit was returned');
});

test('a full limiter queue rejects with concurrency_limit', async () => {
  const clock = new FakeClock(0);
  const shim = new Shim({ clock, sleeper: new FakeSleeper(clock), rng: new FakeRng([]),
                          timers: new FakeTimers(), limiter: { maxInFlight: 1, maxQueue: 0 } });
  let release;
  const first = shim.execute(() => new Promise((r) => {
    release = () => r(ok);
  }), call);
  const err = await shim.execute(async () => ok, call).then(() => null, (e) => e);
  assert.ok(err instanceof ShimError);
  assert.equal(err.reason, 'concurrency_limit');
  assert.equal(counter(shim, 'keyshift_concurrency_rejections_total', { reason: 'queue_full' }), 1);
  assert.equal(counter(shim, 'keyshift_inflight_requests', {}), 1);
  release();
  assert.deepEqual(await first, { model: 'm-1' });
  assert.equal(counter(shim, 'keyshift_inflight_requests', {}), 0);
});

test('a queued call runs once a running call releases its permit', async () => {
  const clock = new FakeClock(0);
  const timers = new FakeTimers();
  const shim = new Shim({ clock, sleeper: new FakeSleeper(clock), rng: new FakeRng([]), timers,
                          limiter: { maxInFlight: 1 } });
  const order = [];
  let release;
  const a = shim.execute(() => new Promise((r) => {
    order.push('a');
    release = () => r(ok);
  }), call);
  const b = shim.execute(async () => {
    order.push('b');
    return ok;
  }, call);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, ['a']);
  clock.set(250);
  release();
  await Promise.all([a, b]);
  assert.deepEqual(order, ['a', 'b']);
  const qw = shim.metricsSnapshot().metrics.find((f) => f.name === 'keyshift_queue_wait_seconds');
  assert.equal(qw.series[0].count, 2);
  assert.equal(qw.series[0].sum, 0.25);
});

test('an abort during the backoff sleep ends the call as cancelled', async () => {
  const clock = new FakeClock(0);
  const ac = new AbortController();
  const sleeper = {
    async sleep() {
      ac.abort();
      throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    },
  };
  const shim = new Shim({ clock, sleeper, rng: new FakeRng([0.5]) });
  const err = await shim.execute(async () => s503(), { ...call, signal: ac.signal })
                  .then(() => null, (e) => e);
  assert.equal(err.name, 'AbortError');
  assert.equal(err.keyshiftReason, 'cancelled');
  const d = shim.metricsSnapshot().metrics[0].series;
  assert.equal(d[0].labels.error_type, 'cancelled');
});

test('an error the shim cannot classify is not retried', async () => {
  const clock = new FakeClock(0);
  const shim = new Shim({ clock, sleeper: new FakeSleeper(clock), rng: new FakeRng([]) });
  let attempts = 0;
  await assert.rejects(shim.execute(() => {
    attempts++;
    throw new TypeError('bad argument');
  }, call), TypeError);
  assert.equal(attempts, 1);
  const d = shim.metricsSnapshot().metrics[0].series;
  assert.equal(d[0].labels.error_type, '_OTHER');
});

test('an unknown backoff mode is refused when the policy is built', () => {
  assert.throws(() => new Shim({ backoffMode: 'linear' }),
                /policy: backoffMode: unknown mode 'linear'/);
});

test('a global cap queues calls across keys and releases with each attempt', async () => {
  const clock = new FakeClock(0);
  const shim = new Shim({ clock, sleeper: new FakeSleeper(clock), rng: new FakeRng([]),
                          timers: new FakeTimers(), globalMaxInFlight: 1 });
  const order = [];
  let release;
  const a = shim.execute(() => new Promise((r) => {
    order.push('a');
    release = () => r(ok);
  }), { ...call, model: 'one' });
  const b = shim.execute(async () => {
    order.push('b');
    return ok;
  }, { ...call, model: 'two' });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, ['a'], 'a different key still waits for the global permit');
  release();
  await Promise.all([a, b]);
  assert.deepEqual(order, ['a', 'b']);
  assert.equal(shim.globalLimiter.inFlight, 0);
});

test('with a total timeout the attempt learns the time left', async () => {
  const clock = new FakeClock(0);
  const shim = new Shim({ clock, sleeper: new FakeSleeper(clock), rng: new FakeRng([0.5]),
                          totalTimeoutMs: 10000 });
  const seen = [];
  await shim.execute(async (i, _signal, remainingMs) => {
    seen.push(remainingMs);
    clock.set(clock.nowMs() + 1000);
    return i === 0 ? s503() : ok;
  }, call);
  assert.deepEqual(seen, [10000, 8750], 'the 250 ms backoff and the 1 s attempt are spent');
});

test('many concurrent calls never exceed max_in_flight and all complete', async () => {
  const clock = new FakeClock(0);
  const shim = new Shim({ clock, sleeper: new FakeSleeper(clock), rng: new FakeRng([]),
                          limiter: { maxInFlight: 2 } });
  let running = 0;
  let peak = 0;
  const attempt = async () => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setImmediate(r));
    running--;
    return ok;
  };
  const results = await Promise.all(Array.from({ length: 50 }, () => shim.execute(attempt, call)));
  assert.equal(results.length, 50);
  assert.equal(peak, 2);
  const ks = shim.keyState('proxy.test', 443, 'm');
  assert.equal(ks.limiter.inFlight, 0);
  assert.equal(ks.limiter.queued, 0);
});
