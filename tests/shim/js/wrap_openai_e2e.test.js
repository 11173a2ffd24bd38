// End to end: the real `openai` SDK (root node_modules) wrapped by the shim,
// pointed at a scripted mock proxy on 127.0.0.1. Checks what the proxy saw
// (attempts, Authorization), the backoff delays (injected sleeper) and the
// metrics, so the SDK's own retries are provably off and ours are on.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Shim, wrap } from '../../../lib/shim/js/src/index.js';
import { FakeClock, FakeRng, FakeSleeper, fakeApiKey } from './fakes.js';
import { chatCompletion, startMockProxy } from './mock_proxy.js';

let OpenAI;
let sdk;
before(async () => {
  try {
    sdk = await import('openai');
  } catch (err) {
    throw new Error('wrap e2e: the openai SDK is missing from node_modules; run ' +
                    '`npm ci --ignore-scripts` in the repository root (' + err.message + ')');
  }
  OpenAI = sdk.default;
});

function harness(draws = []) {
  const clock = new FakeClock(0);
  const sleeper = new FakeSleeper(clock);
  const rng = new FakeRng(draws);
  return { clock, sleeper, rng };
}

function series(snapshot, name, want) {
  const fam = snapshot.metrics.find((f) => f.name === name);
  assert.ok(fam, `no metric ${name}`);
  return fam.series.filter((s) => Object.entries(want).every(([k, v]) => s.labels[k] === v));
}

function value(snapshot, name, labels) {
  const found = series(snapshot, name, labels);
  return found.reduce((acc, s) => acc + s.value, 0);
}

describe('wrap() around the real openai SDK', { timeout: 60000 }, () => {
  let proxy;
  after(async () => {
    if (proxy) await proxy.close();
  });

  test('429 with Retry-After, then 503, then 200: three attempts, our delays, metrics',
       async () => {
    proxy = await startMockProxy([
      { status: 429, headers: { 'retry-after': '2' },
        body: { error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' } } },
      { status: 503, body: { error: { message: 'overloaded' } } },
      { status: 200, body: chatCompletion('gpt-4o-mini-2024-07-18', 'hi there') },
    ]);
    const key = fakeApiKey();
    const h = harness([0.5]);
    const client = wrap(new OpenAI({ apiKey: key, baseURL: proxy.baseURL }),
                        { clock: h.clock, sleeper: h.sleeper, rng: h.rng });
    assert.equal(client.maxRetries, 0, 'the SDK retries are switched off');

    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }],
    });

    assert.equal(res.choices[0].message.content, 'hi there');
    assert.equal(proxy.requests.length, 3);
    for (const r of proxy.requests) {
      assert.equal(r.method, 'POST');
      assert.equal(r.url, '/v1/chat/completions');
      assert.equal(r.headers.authorization, `Bearer ${key}`);
      assert.equal(r.body.model, 'gpt-4o-mini');
    }
    // Retry-After 2 s is honoured exactly; the 503 takes full jitter, u = 0.5
    // of ceil(n=1) = 1000 ms.
    assert.deepEqual(h.sleeper.sleeps, [2000, 500]);
    h.rng.assertAllConsumed();

    const snap = client.metrics();
    const key_ = { server_address: '127.0.0.1', gen_ai_request_model: 'gpt-4o-mini' };
    assert.equal(value(snap, 'keyshift_attempts_total', { ...key_, outcome: 'retryable' }), 2);
    assert.equal(value(snap, 'keyshift_attempts_total', { ...key_, outcome: 'success' }), 1);
    assert.equal(value(snap, 'keyshift_retries_total', { ...key_, reason: 'status_429' }), 1);
    assert.equal(value(snap, 'keyshift_retries_total', { ...key_, reason: 'status_5xx' }), 1);
    assert.equal(value(snap, 'keyshift_retry_giveups_total', key_), 0);
    // Each retryable attempt (the 429 too) costs a token, the success gives
    // 0.1 back: 10 - 2 + 0.1.
    assert.equal(value(snap, 'keyshift_retry_budget_tokens', key_), 8.1);

    const op = {
      gen_ai_operation_name: 'chat', openai_api_type: 'chat_completions',
      gen_ai_provider_name: 'openai', gen_ai_request_model: 'gpt-4o-mini',
      gen_ai_response_model: 'gpt-4o-mini-2024-07-18', server_address: '127.0.0.1',
      server_port: String(proxy.port),
    };
    const [duration] = series(snap, 'gen_ai_client_operation_duration_seconds', op);
    assert.equal(duration.count, 1);
    assert.equal(duration.sum, 2.5, 'fake clock: the two sleeps are the whole duration');
    assert.equal(duration.labels.error_type, undefined);
    const [input] = series(snap, 'gen_ai_client_token_usage', { ...op, gen_ai_token_type: 'input' });
    const [output] = series(snap, 'gen_ai_client_token_usage', { ...op, gen_ai_token_type: 'output' });
    assert.deepEqual([input.count, input.sum, output.count, output.sum], [1, 12, 1, 5]);

    const text = client.prometheusText();
    assert.match(text, /^# TYPE keyshift_attempts_total counter$/m);
    assert.match(text, new RegExp(
        `^keyshift_retries_total\\{server_address="127\\.0\\.0\\.1",gen_ai_request_model="gpt-4o-mini",reason="status_429"\\} 1$`, 'm'));
    await proxy.close();
    proxy = null;
  });

  test('503 on every attempt gives up with max_retries and surfaces the SDK error',
       async () => {
    proxy = await startMockProxy([{ status: 503 }, { status: 503 }, { status: 503 }]);
    const h = harness([0, 0]);
    const client = wrap(new OpenAI({ apiKey: fakeApiKey(), baseURL: proxy.baseURL }),
                        { clock: h.clock, sleeper: h.sleeper, rng: h.rng });
    const err = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' })
                    .then(() => null, (e) => e);
    assert.ok(err instanceof sdk.InternalServerError, `got ${err}`);
    assert.equal(err.status, 503);
    assert.equal(err.keyshiftReason, 'max_retries');
    assert.equal(proxy.requests.length, 3);
    assert.deepEqual(proxy.requests.map((r) => r.url), Array(3).fill('/v1/embeddings'));
    assert.deepEqual(h.sleeper.sleeps, [0, 0]);
    const snap = client.metrics();
    const k = { server_address: '127.0.0.1', gen_ai_request_model: 'text-embedding-3-small' };
    assert.equal(value(snap, 'keyshift_retry_giveups_total', { ...k, reason: 'max_retries' }), 1);
    const [d] = series(snap, 'gen_ai_client_operation_duration_seconds',
                       { gen_ai_operation_name: 'embeddings', error_type: '503' });
    assert.equal(d.count, 1);
    await proxy.close();
    proxy = null;
  });

  test('429 insufficient_quota is not retried', async () => {
    proxy = await startMockProxy([
      { status: 429, body: { error: { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota' } } },
    ]);
    const h = harness([]);
    const client = wrap(new OpenAI({ apiKey: fakeApiKey(), baseURL: proxy.baseURL }),
                        { clock: h.clock, sleeper: h.sleeper, rng: h.rng });
    const err = await client.responses.create({ model: 'gpt-4.1', input: 'x' })
                    .then(() => null, (e) => e);
    assert.ok(err instanceof sdk.RateLimitError, `got ${err}`);
    assert.equal(err.keyshiftReason, null);
    assert.equal(proxy.requests.length, 1);
    assert.equal(proxy.requests[0].url, '/v1/responses');
    assert.deepEqual(h.sleeper.sleeps, []);
    const snap = client.metrics();
    assert.equal(value(snap, 'keyshift_attempts_total', { outcome: 'fatal' }), 1);
    const [d] = series(snap, 'gen_ai_client_operation_duration_seconds',
                       { openai_api_type: 'responses', error_type: '429' });
    assert.equal(d.count, 1);
    await proxy.close();
    proxy = null;
  });

  test('Retry-After over the cap gives up at once with retry_after_too_long', async () => {
    proxy = await startMockProxy([{ status: 429, headers: { 'retry-after': '121' } }]);
    const h = harness([]);
    const client = wrap(new OpenAI({ apiKey: fakeApiKey(), baseURL: proxy.baseURL }),
                        { clock: h.clock, sleeper: h.sleeper, rng: h.rng });
    const err = await client.chat.completions.create({ model: 'm', messages: [] })
                    .then(() => null, (e) => e);
    assert.ok(err instanceof sdk.RateLimitError);
    assert.equal(err.keyshiftReason, 'retry_after_too_long');
    assert.equal(proxy.requests.length, 1);
    const snap = client.metrics();
    assert.equal(value(snap, 'keyshift_retry_giveups_total', { reason: 'retry_after_too_long' }), 1);
    await proxy.close();
    proxy = null;
  });

  test('a streaming call retries a 503 and is committed once the 200 headers arrive',
       async () => {
    proxy = await startMockProxy([
      { status: 503 },
      { status: 200, sse: [
        { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini-x',
          choices: [{ index: 0, delta: { content: 'he' }, finish_reason: null }] },
        { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini-x',
          choices: [{ index: 0, delta: { content: 'llo' }, finish_reason: 'stop' }] },
        { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini-x',
          choices: [], usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 } },
      ] },
    ]);
    const h = harness([0.25]);
    const client = wrap(new OpenAI({ apiKey: fakeApiKey(), baseURL: proxy.baseURL }),
                        { clock: h.clock, sleeper: h.sleeper, rng: h.rng });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'x' }],
    });
    assert.equal(proxy.requests.length, 2, 'committed: no attempt after the 200');
    h.clock.set(h.clock.nowMs() + 40);  // the first chunk "arrives" 40 ms later
    let text = '';
    let chunks = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (++chunks > 10) break;
    }
    assert.equal(text, 'hello');
    assert.equal(chunks, 3);
    assert.equal(proxy.requests[1].body.stream, true);
    assert.deepEqual(h.sleeper.sleeps, [125]);
    const snap = client.metrics();
    const op = { gen_ai_operation_name: 'chat', gen_ai_response_model: 'gpt-4o-mini-x' };
    const [ttfc] = series(snap, 'gen_ai_client_operation_time_to_first_chunk_seconds', op);
    assert.deepEqual([ttfc.count, ttfc.sum], [1, 0.165]);
    const [input] = series(snap, 'gen_ai_client_token_usage', { ...op, gen_ai_token_type: 'input' });
    const [output] = series(snap, 'gen_ai_client_token_usage', { ...op, gen_ai_token_type: 'output' });
    assert.deepEqual([input.sum, output.sum], [7, 2]);
    await proxy.close();
    proxy = null;
  });

  test('a refused connection is retried as a connection error', async () => {
    // Take an ephemeral port, then close it so nothing listens there.
    const probe = await startMockProxy([]);
    const deadURL = probe.baseURL;
    await probe.close();
    const h = harness([0]);
    const client = wrap(new OpenAI({ apiKey: fakeApiKey(), baseURL: deadURL }),
                        { clock: h.clock, sleeper: h.sleeper, rng: h.rng, maxRetries: 1 });
    const err = await client.chat.completions.create({ model: 'm', messages: [] })
                    .then(() => null, (e) => e);
    assert.ok(err instanceof sdk.APIConnectionError, `got ${err}`);
    assert.equal(err.keyshiftReason, 'max_retries');
    assert.equal(err.keyshiftErrorType, 'connection_error');
    const snap = client.metrics();
    assert.equal(value(snap, 'keyshift_retries_total', { reason: 'connection' }), 1);
    assert.equal(value(snap, 'keyshift_attempts_total', { outcome: 'retryable' }), 2);
  });

  test('an SDK attempt timeout is classified as timeout', async () => {
    // The proxy never answers, so the SDK's 50 ms timeout always fires; no
    // second attempt is scripted, so nothing here races the clock.
    // The hung connection must not outlive the test whatever it asserts:
    // the next test replaces `proxy`, and an open server keeps node alive.
    const hung = await startMockProxy([{ hang: true }]);
    try {
      const h = harness([]);
      const client = wrap(new OpenAI({ apiKey: fakeApiKey(), baseURL: hung.baseURL, timeout: 50 }),
                          { clock: h.clock, sleeper: h.sleeper, rng: h.rng, maxRetries: 0 });
      const err = await client.chat.completions.create({ model: 'm', messages: [] })
                      .then(() => null, (e) => e);
      assert.ok(err instanceof sdk.APIConnectionTimeoutError, `got ${err}`);
      assert.equal(err.keyshiftReason, 'max_retries');
      assert.equal(err.keyshiftErrorType, 'timeout');
      // Under load the 50 ms can run out before the request reaches the
      // proxy: the attempt counts all the same (SHIM_SPEC 1.2, an attempt
      // timeout before the headers), so the proxy sees it at most once.
      assert.ok(hung.requests.length <= 1, `${hung.requests.length} requests`);
      const snap = client.metrics();
      assert.equal(value(snap, 'keyshift_attempts_total', { outcome: 'retryable' }), 1);
      const [d] = series(snap, 'gen_ai_client_operation_duration_seconds', { error_type: 'timeout' });
      assert.equal(d.count, 1);
    } finally {
      await hung.close();
    }
  });

  test('a caller abort is not retried and is reported as cancelled', async () => {
    proxy = await startMockProxy([{ hang: true }]);
    const h = harness([]);
    const client = wrap(new OpenAI({ apiKey: fakeApiKey(), baseURL: proxy.baseURL }),
                        { clock: h.clock, sleeper: h.sleeper, rng: h.rng });
    const ac = new AbortController();
    const pending = client.chat.completions.create({ model: 'm', messages: [] },
                                                   { signal: ac.signal });
    // Abort once the proxy has the request, so the abort hits a live attempt.
    await proxy.waitForRequests(1);
    ac.abort();
    const err = await pending.then(() => null, (e) => e);
    assert.ok(err instanceof sdk.APIUserAbortError, `got ${err}`);
    assert.equal(err.keyshiftReason, 'cancelled');
    assert.equal(proxy.requests.length, 1);
    const snap = client.metrics();
    assert.equal(value(snap, 'keyshift_attempts_total', { outcome: 'ignored' }), 1);
    const [d] = series(snap, 'gen_ai_client_operation_duration_seconds', { error_type: 'cancelled' });
    assert.equal(d.count, 1);
    await proxy.close();
    proxy = null;
  });

  test('one Shim shared by two wrapped clients shares breaker state per key', async () => {
    proxy = await startMockProxy([{ status: 200, body: chatCompletion('m', 'a') },
                                  { status: 200, body: chatCompletion('m', 'b') }]);
    const h = harness([]);
    const shim = new Shim({ clock: h.clock, sleeper: h.sleeper, rng: h.rng });
    const a = wrap(new OpenAI({ apiKey: fakeApiKey(), baseURL: proxy.baseURL }), shim);
    const b = wrap(new OpenAI({ apiKey: fakeApiKey(), baseURL: proxy.baseURL }), shim);
    await a.chat.completions.create({ model: 'm', messages: [] });
    await b.chat.completions.create({ model: 'm', messages: [] });
    assert.equal(value(shim.metricsSnapshot(), 'keyshift_attempts_total', { outcome: 'success' }), 2);
    await proxy.close();
    proxy = null;
  });
});

describe('wrap() list methods', { timeout: 60000 }, () => {
  test('for await over a wrapped models.list() walks the page', async () => {
    const proxy = await startMockProxy([
      { status: 503 },
      { status: 200, body: { object: 'list', data: [{ id: 'm1', object: 'model' },
                                                  { id: 'm2', object: 'model' }] } },
    ]);
    try {
      const h = harness([0]);
      const client = wrap(new OpenAI({ apiKey: fakeApiKey(), baseURL: proxy.baseURL }),
                          { clock: h.clock, sleeper: h.sleeper, rng: h.rng });
      const ids = [];
      for await (const m of client.models.list()) {
        ids.push(m.id);
        if (ids.length > 10) break;
      }
      assert.deepEqual(ids, ['m1', 'm2']);
      assert.deepEqual(proxy.requests.map((r) => `${r.method} ${r.url}`),
                       ['GET /v1/models', 'GET /v1/models']);
    } finally {
      await proxy.close();
    }
  });
});
