// StreamLease (SHIM_SPEC §1.9, §1.10) with injected clock and timers: the
// idle timeout re-arms on each event and ends a silent stream, the deadline
// ends an open one, and a second end changes nothing. Plus the
// KEYSHIFT_SHIM_POLICY reader (§1.11).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  environmentPolicy, findSeries, policyFromConfig, Shim,
} from '../../../lib/shim/js/src/index.js';
import { FakeClock, FakeRng, FakeSleeper, FakeTimers } from './fakes.js';

const kSite = { operationName: 'chat', apiType: 'chat_completions', model: 'm',
                serverAddress: 'api.example.test', serverPort: 443 };
const kKey = { server_address: 'api.example.test', gen_ai_request_model: 'm' };

/** An async iterable whose events the test releases one at a time. */
function manualStream() {
  const pending = [];
  let waiting = null;
  return {
    push(v) {
      if (waiting) {
        waiting({ value: v, done: false });
        waiting = null;
      } else pending.push(v);
    },
    [Symbol.asyncIterator]() {
      return {
        next: () => (pending.length ? Promise.resolve({ value: pending.shift(), done: false })
                     : new Promise((resolve) => { waiting = resolve; })),
        return: async () => ({ done: true, value: undefined }),
      };
    },
  };
}

function setup(policy = {}) {
  const clock = new FakeClock(0);
  const timers = new FakeTimers();
  const shim = new Shim({ clock, timers, rng: new FakeRng([]), sleeper: new FakeSleeper(clock),
                          ...policy });
  return { clock, timers, shim };
}

const ok = { kind: 'response', status: 200 };

test('the idle timeout re-arms on each event and ends a silent stream', async () => {
  const { clock, timers, shim } = setup();
  const upstream = manualStream();
  const stream = await shim.execute(() => ({ obs: ok, value: upstream }), kSite, undefined,
                                    undefined, { idleTimeoutMs: 100 });
  const it = stream[Symbol.asyncIterator]();
  upstream.push({ model: 'm-x' });
  assert.deepEqual((await it.next()).value, { model: 'm-x' });
  clock.set(90);
  upstream.push({ model: 'm-x' });
  await it.next();
  clock.set(150); // 60 ms after the last event: not idle long enough
  timers.fireAll();
  const third = it.next();
  clock.set(190);
  timers.fireAll(); // due at 190: the watchdog fires now
  const err = await third.then(() => null, (e) => e);
  assert.equal(err?.keyshiftErrorType, 'timeout');
  const snap = shim.metricsSnapshot();
  assert.equal(findSeries(snap, 'keyshift_inflight_requests', kKey).value, 0);
  assert.equal(findSeries(snap, 'keyshift_attempts_total', { ...kKey, outcome: 'retryable' }).value,
               1);
  const d = findSeries(snap, 'gen_ai_client_operation_duration_seconds',
                       { gen_ai_operation_name: 'chat', error_type: 'timeout',
                         gen_ai_provider_name: 'openai', gen_ai_request_model: 'm',
                         server_address: 'api.example.test', server_port: '443',
                         openai_api_type: 'chat_completions' });
  assert.deepEqual([d.count, d.sum], [1, 0.19]);
  // Ended once: closing afterwards records nothing more.
  await it.return();
  assert.equal(findSeries(shim.metricsSnapshot(), 'keyshift_attempts_total',
                          { ...kKey, outcome: 'ignored' }), undefined);
});

test('the call deadline ends an open stream', async () => {
  const { clock, timers, shim } = setup({ totalTimeoutMs: 1000 });
  const upstream = manualStream();
  const stream = await shim.execute(() => ({ obs: ok, value: upstream }), kSite, undefined,
                                    undefined, { idleTimeoutMs: 600000 });
  const it = stream[Symbol.asyncIterator]();
  const first = it.next();
  clock.set(1000);
  timers.fireAll();
  const err = await first.then(() => null, (e) => e);
  assert.equal(err?.keyshiftErrorType, 'timeout');
  assert.equal(findSeries(shim.metricsSnapshot(), 'keyshift_inflight_requests', kKey).value, 0);
});

test('policyFromConfig maps the shared names and rejects bad ones', () => {
  assert.deepEqual(policyFromConfig({ max_retries: 1, limiter_max_in_flight: 3,
                                      breaker_consecutive_failures: 2, total_timeout_ms: null }),
                   { maxRetries: 1, totalTimeoutMs: null, budget: {},
                     breaker: { consecutiveFailures: 2 }, limiter: { maxInFlight: 3 } });
  assert.throws(() => policyFromConfig({ max_retry: 1 }, 'P'), /P: unknown member 'max_retry'/);
  assert.throws(() => policyFromConfig({ max_retries: '1' }, 'P'),
                /P: max_retries: wrong type or value "1"/);
  assert.throws(() => policyFromConfig([], 'P'), /P: not a JSON object/);
});

test('KEYSHIFT_SHIM_POLICY overrides the policy given in code', () => {
  assert.equal(environmentPolicy({}), null);
  assert.throws(() => environmentPolicy({ KEYSHIFT_SHIM_POLICY: '{' }),
                /KEYSHIFT_SHIM_POLICY: not a JSON object/);
  const saved = process.env.KEYSHIFT_SHIM_POLICY;
  process.env.KEYSHIFT_SHIM_POLICY = '{"max_retries": 0, "attempt_timeout_ms": 250}';
  try {
    const shim = new Shim({ maxRetries: 5, totalTimeoutMs: 900 });
    assert.equal(shim.maxRetries, 0);
    assert.equal(shim.attemptTimeoutMs, 250);
    assert.equal(shim.totalTimeoutMs, 900);
  } finally {
    if (saved === undefined) delete process.env.KEYSHIFT_SHIM_POLICY;
    else process.env.KEYSHIFT_SHIM_POLICY = saved;
  }
});
