// wrap() on duck-typed clients: which properties go through the pipeline,
// how the SDK's retries are turned off, and how thrown errors are read.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { hasOneShotBody, observationFromError, operationOf, serverOf, Shim, wrap }
  from '../../../lib/shim/js/src/index.js';
import { FakeClock, FakeRng, FakeSleeper } from './fakes.js';

function deps(draws = []) {
  const clock = new FakeClock(0);
  return { clock, sleeper: new FakeSleeper(clock), rng: new FakeRng(draws) };
}

class FakeClient {
  constructor(script) {
    this.baseURL = 'https://llm-gateway.internal:8443/v1';
    this.maxRetries = 2;
    this.apiKeyName = 'not-a-function';
    this.calls = [];
    const self = this;
    this.beta = {
      deep: {
        things: {
          async create(body) {
            self.calls.push(body);
            const next = script.shift();
            if (next instanceof Error) throw next;
            return next;
          },
        },
      },
    };
  }
  buildURL(p) {
    return this.baseURL + p;
  }
}

function statusError(status, headers = {}, extra = {}) {
  return Object.assign(new Error(`status ${status}`), { status, headers, ...extra });
}

test('a client without withOptions gets maxRetries = 0 and calls at any depth are wrapped',
     async () => {
  const raw = new FakeClient([statusError(503), { model: 'x-1', usage: { input_tokens: 3 } }]);
  const d = deps([0.5]);
  const client = wrap(raw, d);
  assert.equal(raw.maxRetries, 0);
  const res = await client.beta.deep.things.create({ model: 'x' });
  assert.deepEqual(res, { model: 'x-1', usage: { input_tokens: 3 } });
  assert.equal(raw.calls.length, 2);
  assert.deepEqual(d.sleeper.sleeps, [250]);
  assert.equal(client.buildURL('/a'), 'https://llm-gateway.internal:8443/v1/a',
               'top-level methods are plain pass-through');
  assert.equal(client.apiKeyName, 'not-a-function');
  assert.equal(client.beta.deep.things.create, client.beta.deep.things.create,
               'wrapped methods are cached');
  const fam = client.metrics().metrics.find((f) => f.name === 'keyshift_attempts_total');
  assert.deepEqual(fam.series.map((s) => [s.labels, s.value]), [
    [{ server_address: 'llm-gateway.internal', gen_ai_request_model: 'x', outcome: 'retryable' }, 1],
    [{ server_address: 'llm-gateway.internal', gen_ai_request_model: 'x', outcome: 'success' }, 1],
  ]);
  const usage = client.metrics().metrics.find((f) => f.name === 'gen_ai_client_token_usage');
  assert.deepEqual(usage.series[0].labels, {
    gen_ai_operation_name: '_OTHER', gen_ai_provider_name: 'openai', gen_ai_token_type: 'input',
    gen_ai_request_model: 'x', gen_ai_response_model: 'x-1',
    server_address: 'llm-gateway.internal', server_port: '8443',
  });
});

test('withOptions({maxRetries: 0}) is used when the client has it', () => {
  const seen = [];
  const derived = { baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0, chat: {} };
  const raw = {
    maxRetries: 2,
    withOptions(o) {
      seen.push(o);
      return derived;
    },
  };
  const client = wrap(raw, new Shim(deps()));
  assert.deepEqual(seen, [{ maxRetries: 0 }]);
  assert.equal(raw.maxRetries, 2, 'the caller\'s client is left alone');
  assert.equal(client.maxRetries, 0);
});

test('a plain-object headers Retry-After on a thrown error is honoured', async () => {
  const raw = new FakeClient([statusError(429, { 'retry-after-ms': '1200' }), { ok: true }]);
  const d = deps([]);
  await wrap(raw, d).beta.deep.things.create({ model: 'x' });
  assert.deepEqual(d.sleeper.sleeps, [1200]);
});

test('observationFromError reads status, body and connection errors by class name', () => {
  class APIConnectionError extends Error {}
  class APIConnectionTimeoutError extends APIConnectionError {}
  class APIUserAbortError extends Error {}
  assert.deepEqual(observationFromError(new APIConnectionTimeoutError()), { kind: 'timeout' });
  assert.deepEqual(observationFromError(new APIConnectionError()), { kind: 'connection_error' });
  assert.deepEqual(observationFromError(new APIUserAbortError()), { kind: 'cancelled' });
  assert.deepEqual(observationFromError(Object.assign(new Error('x'), { name: 'AbortError' })),
                   { kind: 'cancelled' });
  assert.deepEqual(observationFromError(Object.assign(new Error('x'), { code: 'ECONNRESET' })),
                   { kind: 'connection_error' });
  assert.deepEqual(observationFromError(new Error('x')), { kind: 'other' });
  const quota = statusError(429, {}, { error: { code: 'insufficient_quota' } });
  assert.deepEqual(observationFromError(quota), {
    kind: 'response', status: 429, headers: {}, body: { error: { code: 'insufficient_quota' } },
  });
});

test('operationOf and serverOf map SDK paths and base URLs', () => {
  assert.deepEqual(operationOf(['chat', 'completions', 'create']), ['chat', 'chat_completions']);
  assert.deepEqual(operationOf(['responses', 'create']), ['chat', 'responses']);
  assert.deepEqual(operationOf(['embeddings', 'create']), ['embeddings', null]);
  assert.deepEqual(operationOf(['completions', 'create']), ['text_completion', null]);
  assert.deepEqual(operationOf(['models', 'list']), ['_OTHER', null]);
  assert.deepEqual(serverOf('https://openrouter.ai/api/v1'), ['openrouter.ai', 443]);
  assert.deepEqual(serverOf('http://localhost:4000'), ['localhost', 4000]);
  assert.deepEqual(serverOf('not a url'), ['', 0]);
});

test('a request with a one-shot stream body is never retried', async () => {
  const { Readable } = await import('node:stream');
  const raw = new FakeClient([statusError(503), { ok: true }]);
  const client = wrap(raw, deps([]));
  const err = await client.beta.deep.things.create({ model: 'x', file: Readable.from(['a']) })
                  .then(() => null, (e) => e);
  assert.equal(err.status, 503);
  assert.equal(err.keyshiftReason, 'max_retries');
  assert.equal(raw.calls.length, 1);
  assert.equal(hasOneShotBody({ file: new ReadableStream() }), true);
  assert.equal(hasOneShotBody({ file: new Blob(['a']) }), false);
  assert.equal(hasOneShotBody({ model: 'x', messages: [] }), false);
});

test('data objects on a client are handed out as they are', () => {
  const raw = new FakeClient([]);
  raw.beta.tags = new Map([['a', 1]]);
  raw.beta.list = [1, 2];
  const client = wrap(raw, deps());
  assert.equal(client.beta.tags, raw.beta.tags);
  assert.equal(client.beta.tags.get('a'), 1);
  assert.equal(client.beta.list, raw.beta.list);
});

test('totalTimeoutMs lowers the per-request timeout handed to the SDK', async () => {
  const seen = [];
  const raw = {
    baseURL: 'https://h/v1',
    timeout: 600000,
    chat: { completions: { async create(body, opts) {
      seen.push(opts);
      return { ok: true };
    } } },
  };
  const client = wrap(raw, { ...deps(), totalTimeoutMs: 30000 });
  await client.chat.completions.create({ model: 'm' }, { headers: { 'x-a': '1' } });
  assert.deepEqual(seen, [{ headers: { 'x-a': '1' }, timeout: 30000 }]);
  await client.chat.completions.create({ model: 'm' });
  assert.deepEqual(seen[1], { timeout: 30000 });
});
