// Runs every conformance vector in testdata/shim/*.json (format in
// testdata/shim/README.md) against the JS shim. An unknown vector type fails,
// and the number of vectors run must equal the number in the files.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  attemptOutcome, backoffDelayMs, CircuitBreaker, classify, endpointOf, findSeries, kFamilies,
  kRejected, LimiterCore, Metrics, policyFromConfig, RetryBudget, retryAfterMs, Shim,
} from '../../../lib/shim/js/src/index.js';
import { FakeClock, FakeRng, FakeSleeper, FakeWallClock } from './fakes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = process.env.KEYSHIFT_SOURCE_DIR || path.resolve(here, '../../..');
const vectorDir = path.join(sourceDir, 'testdata', 'shim');

function loadVectors() {
  const files = readdirSync(vectorDir).filter((f) => f.endsWith('.json')).sort();
  const all = [];
  for (const f of files) {
    const doc = JSON.parse(readFileSync(path.join(vectorDir, f), 'utf8'));
    assert.ok(Array.isArray(doc.vectors), `${f}: missing "vectors" array`);
    for (const v of doc.vectors) all.push({ file: f, v });
  }
  return { files, all };
}

// The vectors' config members are the KEYSHIFT_SHIM_POLICY members: the
// library's own reader maps them (and fails on an unknown one).
function policyFrom(config = {}) {
  return policyFromConfig(config, 'config');
}

function assertKeys(obj, allowed, what) {
  for (const k of Object.keys(obj)) {
    assert.ok(allowed.includes(k), `${what}: unknown member '${k}'`);
  }
}

function observationOf(o) {
  if ('error' in o) return { kind: o.error };
  return { kind: 'response', status: o.status, headers: o.headers ?? {}, body: o.body };
}

// ---------------------------------------------------------------------------

function runBackoff(v) {
  const p = policyFrom(v.config);
  for (const c of v.cases) {
    const got = backoffDelayMs(c.retries_taken, c.u,
                               { mode: v.mode, baseMs: p.backoffBaseMs, capMs: p.backoffCapMs });
    assert.equal(got, c.delay_ms, `n=${c.retries_taken} u=${c.u}`);
  }
}

function runRetryAfter(v) {
  const p = policyFrom(v.config);
  const cap = p.maxRetryAfterMs ?? 120000;
  const wall = { nowUnixMs: () => v.wall_now_unix_ms ?? 0 };
  assertKeys(v.expect, ['result', 'delay_ms'], 'expect');
  const ms = retryAfterMs(v.headers, wall);
  const result = ms === null ? 'backoff' : ms > cap ? 'too_long' : 'delay';
  assert.equal(result, v.expect.result);
  if (result === 'delay') assert.equal(ms, v.expect.delay_ms);
}

function runClassify(v) {
  const p = policyFrom(v.config);
  const wall = { nowUnixMs: () => v.wall_now_unix_ms ?? 0 };
  const e = v.expect;
  assertKeys(e, ['retry_class', 'attempt_outcome', 'breaker_outcome', 'retry_reason', 'error_type'],
             'expect');
  const c = classify(observationOf(v.observation),
                     { maxRetryAfterMs: p.maxRetryAfterMs, breakerCounts429: p.breakerCounts429,
                       wallClock: wall });
  assert.deepEqual({
    retry_class: c.retryClass,
    attempt_outcome: attemptOutcome(c),
    breaker_outcome: c.breakerOutcome,
    retry_reason: c.retryClass === 'retryable' ? c.retryReason : null,
    error_type: c.errorType,
  }, e);
}

function runBudget(v) {
  const p = policyFrom(v.config);
  const b = new RetryBudget(p.budget);
  for (const s of v.steps) {
    if (s.op === 'record') {
      for (let i = 0; i < (s.repeat ?? 1); i++) b.record(s.outcome);
    } else if (s.op === 'check') {
      assert.equal(b.milliTokens, s.tokens_milli, 'tokens_milli');
      assert.equal(b.allowRetry(), s.allow_retry, 'allow_retry');
    } else {
      assert.fail(`budget: unknown op '${s.op}'`);
    }
  }
}

function runBreaker(v) {
  const p = policyFrom(v.config);
  const clock = new FakeClock(0);
  const transitions = [];
  const br = new CircuitBreaker(p.breaker, clock, (from, to) => transitions.push([from, to]));
  const permits = new Map();
  v.steps.forEach((s, idx) => {
    const where = `step ${idx} (${s.op})`;
    if (s.op !== 'check') clock.set(s.at_ms);
    if (s.op === 'acquire') {
      assertKeys(s.expect, ['admitted', 'probe', 'retry_after_ms'], where);
      const permit = br.tryAcquire();
      const admitted = permit !== kRejected;
      assert.equal(admitted, s.expect.admitted, `${where}: admitted`);
      if (admitted) {
        if ('probe' in s.expect) assert.equal(br.isProbe(permit), s.expect.probe, `${where}: probe`);
        if (s.permit) permits.set(s.permit, permit);
      } else if ('retry_after_ms' in s.expect) {
        assert.equal(br.retryAfterMs, s.expect.retry_after_ms, `${where}: retry_after_ms`);
      }
    } else if (s.op === 'record') {
      let permit;
      if (s.permit) {
        assert.ok(permits.has(s.permit), `${where}: unknown permit '${s.permit}'`);
        permit = permits.get(s.permit);
      } else {
        permit = br.tryAcquire();
        assert.notEqual(permit, kRejected, `${where}: implicit acquire rejected`);
      }
      br.record(s.outcome, permit);
    } else if (s.op === 'check') {
      const e = s.expect;
      assertKeys(e, ['state', 'open_until_ms', 'trip_count', 'consecutive_failures',
                     'window_calls', 'window_failures'], where);
      const snap = {
        state: br.state, open_until_ms: br.openUntilMs, trip_count: br.tripCount,
        consecutive_failures: br.consecutiveFailures, window_calls: br.windowCalls,
        window_failures: br.windowFailures,
      };
      for (const k of Object.keys(e)) assert.equal(snap[k], e[k], `${where}: ${k}`);
    } else {
      assert.fail(`${where}: unknown op`);
    }
  });
  assert.deepEqual(transitions, v.expect_transitions, 'transitions');
}

function runLimiter(v) {
  const p = policyFrom(v.config);
  const core = new LimiterCore(p.limiter);
  const waiters = new Map();
  v.steps.forEach((s, idx) => {
    const where = `step ${idx} (${s.op}${s.id ? ' ' + s.id : ''})`;
    if (s.op === 'check') {
      assertKeys(s.expect, ['in_flight', 'queued'], where);
      assert.equal(core.inFlight, s.expect.in_flight, `${where}: in_flight`);
      assert.equal(core.queued, s.expect.queued, `${where}: queued`);
      return;
    }
    assertKeys(s.expect ?? {}, ['result', 'reason', 'granted', 'timed_out'], where);
    // The same-timestamp rule: due timeouts first, then the operation.
    const timedOut = core.expire(s.at_ms).map((w) => w.id);
    const granted = [];
    if (s.op === 'acquire') {
      const w = { id: s.id };
      const r = core.acquire(w, s.at_ms, s.deadline_ms ?? null);
      const result = r === 'queue_full' ? 'rejected' : r;
      assert.equal(result, s.expect.result, `${where}: result`);
      if (r === 'queue_full') assert.equal(s.expect.reason, 'queue_full', `${where}: reason`);
      else assert.equal(s.expect.reason, undefined, `${where}: reason`);
      waiters.set(s.id, w);
    } else if (s.op === 'release') {
      const next = core.release();
      if (next !== null) granted.push(next.id);
    } else if (s.op === 'cancel') {
      assert.ok(waiters.has(s.id), `${where}: unknown id`);
      core.cancel(waiters.get(s.id));
    } else if (s.op !== 'advance') {
      assert.fail(`${where}: unknown op`);
    }
    assert.deepEqual(granted, s.expect?.granted ?? [], `${where}: granted`);
    assert.deepEqual(timedOut, s.expect?.timed_out ?? [], `${where}: timed_out`);
  });
}

function runEndpoint(v) {
  const [op, apiType] = endpointOf(v.path);
  assert.deepEqual({ operation_name: op, openai_api_type: apiType }, v.expect);
}

function runMetrics(v) {
  const d = kFamilies[v.metric];
  assert.ok(d, `metric '${v.metric}' is not declared`);
  assert.equal(d.type, v.kind, 'kind');
  assert.deepEqual([...d.labels], v.labels, 'label order');
  if (v.kind !== 'histogram') {
    assert.equal(v.buckets, undefined, 'buckets on a non-histogram');
    return;
  }
  assert.deepEqual([...d.buckets], v.buckets, 'buckets');
  if (v.le) {
    assert.deepEqual([...d.le], v.le, 'le strings');
    // And the exposition really writes them.
    const m = new Metrics();
    m.histogram(v.metric, {}).observe(0);
    const les = [...m.prometheusText().matchAll(/le="([^"]+)"/g)].map((x) => x[1]);
    assert.deepEqual(les, [...v.le, '+Inf'], 'exposition le strings');
  }
  if (v.observe) {
    const m = new Metrics();
    const h = m.histogram(v.metric, {});
    for (const x of v.observe) h.observe(x);
    const s = findSeries(m.snapshot(), v.metric, {});
    assertKeys(v.expect, ['cumulative', 'count', 'sum'], 'expect');
    assert.deepEqual(s.buckets.map((b) => b.count), v.expect.cumulative, 'cumulative');
    assert.equal(s.count, v.expect.count, 'count');
    assert.ok(Math.abs(s.sum - v.expect.sum) <= 1e-9, `sum ${s.sum} != ${v.expect.sum}`);
  }
}

async function runScenario(v) {
  const clock = new FakeClock(0);
  const wall = new FakeWallClock(clock, v.wall_at_mono_zero_ms ?? 0);
  const rng = new FakeRng(v.rng ?? []);
  const sleeper = new FakeSleeper(clock);
  const metrics = new Metrics();
  const shim = new Shim({ ...policyFrom(v.config), clock, wallClock: wall, rng, sleeper, metrics });
  const upstream = [...v.upstream];
  let used = 0;
  const req = v.request;
  const [operationName, apiType] = endpointOf(req.path);
  const keyLabels = { server_address: req.server_address, gen_ai_request_model: req.model };
  for (const [ci, c] of v.calls.entries()) {
    const where = `call ${ci}`;
    const stream = c.stream === true;
    assertKeys(c.expect, ['result', 'status', 'error_type', 'give_up_reason', 'attempt_starts_ms',
                          'sleeps_ms', 'end_ms', ...(stream ? ['events'] : [])], where);
    clock.set(c.start_ms);
    sleeper.sleeps = [];
    const starts = [];
    let lastStatus = null;
    let events = 0;
    const attempt = async () => {
      starts.push(clock.nowMs());
      assert.ok(used < upstream.length, `${where}: upstream exhausted`);
      const u = upstream[used++];
      clock.set(u.at_ms);
      if ('error' in u) return { obs: { kind: u.error }, error: new Error(u.error) };
      lastStatus = u.status;
      const obs = observationOf(u);
      if ('events' in u) {
        assert.ok(stream, `${where}: a stream entry answers a unary call`);
        return { obs, value: scriptedStream(u, clock, metrics, keyLabels) };
      }
      const err = new Error(`status ${u.status}`);
      if (u.status >= 200 && u.status < 300 && u.body) {
        let body;
        try {
          body = JSON.parse(u.body);
        } catch {
          body = undefined;
        }
        return { obs, value: body };
      }
      return { obs, value: undefined, error: err };
    };
    let result = 'success';
    let errorType = null;
    let reason = null;
    try {
      const value = await shim.execute(attempt, {
        operationName, apiType, model: req.model,
        serverAddress: req.server_address, serverPort: req.server_port,
      }, undefined, undefined, stream ? {} : null);
      if (stream) {
        // The caller's loop; `closed` is a `break` once the clock reaches it.
        for await (const chunk of value) {
          assert.equal(typeof chunk, 'object');
          events++;
          if (value.closeAtMs !== undefined && events === value.eventCount) {
            clock.set(value.closeAtMs);
            break;
          }
        }
        if (value.closeAtMs !== undefined) {
          result = 'failure';
          errorType = 'cancelled';
        }
      }
    } catch (err) {
      result = 'failure';
      errorType = err.keyshiftErrorType ?? err.errorType;
      reason = err.keyshiftReason ?? err.reason;
    }
    const kGiveUps = ['max_retries', 'retry_budget', 'retry_after_too_long', 'deadline'];
    const got = {
      result, status: lastStatus, error_type: errorType,
      give_up_reason: kGiveUps.includes(reason) ? reason : null,
      attempt_starts_ms: starts, sleeps_ms: sleeper.sleeps, end_ms: clock.nowMs(),
    };
    if (stream) got.events = events;
    assert.deepEqual(got, c.expect, where);
  }
  assert.equal(used, upstream.length, 'every upstream entry consumed');
  rng.assertAllConsumed();
  checkScenarioMetrics(metrics, v.expect_metrics ?? []);
}

/**
 * The scripted upstream stream of a scenario entry (testdata/shim/README.md
 * "Streams in a scenario"): an async iterable setting the clock to each
 * event's time, checking the in-flight gauge where asked, and ending as
 * `end.result` says. A `closed` end is the caller's: the runner breaks out.
 */
function scriptedStream(u, clock, metrics, keyLabels) {
  const end = u.end;
  const kErrors = {
    connection_error: () => Object.assign(new TypeError('terminated'),
                                          { cause: { code: 'ECONNRESET' } }),
    timeout: () => Object.assign(new Error('timed out'), { name: 'TimeoutError' }),
    error_event: () => Object.assign(new Error('stream error'), { name: 'APIError' }),
  };
  assert.ok(end.result === 'complete' || end.result === 'closed' || end.result in kErrors,
            `unknown stream end '${end.result}'`);
  // The caller closes after its last event, so a close needs one.
  assert.ok(end.result !== 'closed' || u.events.length > 0, 'a closed stream without events');
  return {
    eventCount: u.events.length,
    closeAtMs: end.result === 'closed' ? end.at_ms : undefined,
    async* [Symbol.asyncIterator]() {
      for (const e of u.events) {
        clock.set(e.at_ms);
        if ('expect_in_flight' in e) {
          const g = findSeries(metrics.snapshot(), 'keyshift_inflight_requests', keyLabels);
          assert.equal(g?.value, e.expect_in_flight, `in flight at ${e.at_ms}`);
        }
        yield e.data;
      }
      clock.set(end.at_ms);
      if (end.result in kErrors) throw kErrors[end.result]();
    },
  };
}

function checkScenarioMetrics(metrics, expected) {
  const snap = metrics.snapshot();
  for (const m of expected) {
    const d = kFamilies[m.metric];
    assert.ok(d, `unknown metric '${m.metric}'`);
    const s = findSeries(snap, m.metric, m.labels);
    const what = `${m.metric}${JSON.stringify(m.labels)}`;
    if (d.type === 'histogram') {
      assertKeys(m, ['metric', 'labels', 'count', 'sum'], what);
      // An empty histogram (count 0) may be absent, like a zero counter.
      if (s === undefined && m.count === 0 && m.sum === 0) continue;
      assert.ok(s, `${what}: no such series`);
      assert.equal(s.count, m.count, `${what}: count`);
      assert.ok(Math.abs(s.sum - m.sum) <= 1e-9, `${what}: sum ${s.sum} != ${m.sum}`);
    } else {
      assertKeys(m, ['metric', 'labels', 'value'], what);
      if (s === undefined) assert.equal(m.value, 0, `${what}: no such series`);
      else assert.equal(s.value, m.value, `${what}: value`);
    }
  }
  // Counters: the expected list is complete.
  for (const fam of snap.metrics) {
    if (fam.type !== 'counter') continue;
    for (const s of fam.series) {
      if (s.value === 0) continue;
      const listed = expected.some((m) => m.metric === fam.name &&
                                          findSeries(snap, fam.name, m.labels) === s);
      assert.ok(listed, `counter ${fam.name}${JSON.stringify(s.labels)} = ${s.value} is not listed`);
    }
  }
}

const kRunners = {
  backoff: runBackoff,
  retry_after: runRetryAfter,
  classify: runClassify,
  budget: runBudget,
  breaker: runBreaker,
  limiter: runLimiter,
  endpoint: runEndpoint,
  metrics: runMetrics,
  scenario: runScenario,
};

const { files, all } = loadVectors();
let executed = 0;

describe('shim conformance vectors', () => {
  test('vector names are unique', () => {
    const seen = new Set();
    for (const { file, v } of all) {
      assert.equal(typeof v.name, 'string', `${file}: vector without a name`);
      assert.ok(!seen.has(v.name), `${file}: duplicate vector name '${v.name}'`);
      seen.add(v.name);
    }
  });
  for (const { file, v } of all) {
    test(`${file}: ${v.name}`, async () => {
      executed++;
      const run = kRunners[v.type];
      assert.ok(run, `unknown vector type '${v.type}'`);
      await run(v);
    });
  }
  // Tests in a suite run in order, so this one sees every vector's run.
  test('every vector was executed', () => {
    assert.ok(files.length > 0, `no vector files in ${vectorDir}`);
    assert.equal(executed, all.length, 'every vector was executed');
  });
});
