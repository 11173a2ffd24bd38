// The SDK surfaces beyond create() (SHIM_SPEC §1.9-§1.11) with the real
// `openai` SDK against the mock proxy: streams held to their end (break,
// cut, idle timeout, garbage collection), the stream helpers and runTools()
// through the pipeline, withResponse()/asResponse(), and every page of a
// list fetched through the pipeline. Ordering comes from the proxy's request
// latch and the streams themselves; nothing asserts how long anything took.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { wrap } from '../../../lib/shim/js/src/index.js';
import { FakeClock, FakeRng, FakeSleeper, fakeApiKey } from './fakes.js';
import { chatCompletion, startMockProxy } from './mock_proxy.js';

const { default: OpenAI } = await import('openai');

function chunk(content, finishReason = null) {
  return { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini-x',
           choices: [{ index: 0, delta: { content }, finish_reason: finishReason }] };
}
const roleChunk = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini-x',
                    choices: [{ index: 0, delta: { role: 'assistant', content: '' },
                                finish_reason: null }] };
const kUsageChunk = { id: 'c1', object: 'chat.completion.chunk', created: 1,
                      model: 'gpt-4o-mini-x', choices: [],
                      usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 } };

function harness(proxy, draws = [], policy = {}) {
  const clock = new FakeClock(0);
  const sleeper = new FakeSleeper(clock);
  const rng = new FakeRng(draws);
  const client = wrap(new OpenAI({ apiKey: fakeApiKey(), baseURL: proxy.baseURL }),
                      { clock, sleeper, rng, ...policy });
  return { clock, sleeper, rng, client };
}

function total(snapshot, name, want = {}) {
  const fam = snapshot.metrics.find((f) => f.name === name);
  assert.ok(fam, `no metric ${name}`);
  return fam.series
      .filter((s) => Object.entries(want).every(([k, v]) => s.labels[k] === v))
      .reduce((acc, s) => acc + (s.value ?? s.count), 0);
}

async function withProxy(script, body) {
  const proxy = await startMockProxy(script);
  try {
    await body(proxy);
  } finally {
    await proxy.close();
  }
}

describe('streams are held until they end', { timeout: 60000 }, () => {
  test('a break out of for await closes the stream and frees its permit', async () => {
    await withProxy([{ status: 200, sse: [chunk('a'), chunk('b'), chunk('c')] }], async (proxy) => {
      const { client } = harness(proxy);
      const stream = await client.chat.completions.create({ model: 'm', stream: true, messages: [] });
      assert.equal(total(client.metrics(), 'keyshift_inflight_requests'), 1, 'held while open');
      for await (const c of stream) {
        assert.equal(c.choices[0].delta.content, 'a');
        break;
      }
      const snap = client.metrics();
      assert.equal(total(snap, 'keyshift_inflight_requests'), 0);
      assert.equal(total(snap, 'keyshift_attempts_total', { outcome: 'ignored' }), 1);
      assert.equal(total(snap, 'gen_ai_client_operation_duration_seconds',
                         { error_type: 'cancelled' }), 1);
    });
  });

  test('a stream cut mid-way fails with connection_error and is not retried', async () => {
    await withProxy([{ status: 200, sse: [chunk('a'), chunk('b')], sseThen: 'cut' },
                     { status: 200, sse: [chunk('unused')] }], async (proxy) => {
      const { client } = harness(proxy);
      const stream = await client.chat.completions.create({ model: 'm', stream: true, messages: [] });
      let got = '';
      const err = await (async () => {
        for await (const c of stream) got += c.choices[0].delta.content;
      })().then(() => null, (e) => e);
      assert.ok(err, 'the cut surfaces as an error');
      assert.equal(err.keyshiftErrorType, 'connection_error', `got ${err}`);
      assert.equal(got, 'ab');
      assert.equal(proxy.requests.length, 1, 'committed: no second attempt');
      const snap = client.metrics();
      assert.equal(total(snap, 'keyshift_attempts_total', { outcome: 'retryable' }), 1);
      assert.equal(total(snap, 'keyshift_retries_total'), 0);
      assert.equal(total(snap, 'keyshift_inflight_requests'), 0);
      assert.equal(total(snap, 'gen_ai_client_operation_duration_seconds',
                         { error_type: 'connection_error' }), 1);
    });
  });

  test('the attempt timeout is the idle timeout of a committed stream', async () => {
    await withProxy([{ status: 200, sse: [chunk('a')], sseThen: 'stall' }], async (proxy) => {
      // Real clock and timers here: the stall never ends, only the timeout can.
      const client = wrap(new OpenAI({ apiKey: fakeApiKey(), baseURL: proxy.baseURL }),
                          { attemptTimeoutMs: 100 });
      const stream = await client.chat.completions.create({ model: 'm', stream: true, messages: [] });
      const seen = [];
      const err = await (async () => {
        for await (const c of stream) seen.push(c.choices[0].delta.content);
      })().then(() => null, (e) => e);
      assert.deepEqual(seen, ['a']);
      assert.equal(err?.keyshiftErrorType, 'timeout', `got ${err}`);
      const snap = client.metrics();
      assert.equal(total(snap, 'keyshift_inflight_requests'), 0);
      assert.equal(total(snap, 'gen_ai_client_operation_duration_seconds',
                         { error_type: 'timeout' }), 1);
    });
  });

  test('a stream dropped unread is closed when it is garbage-collected', async () => {
    assert.equal(typeof globalThis.gc, 'function', 'run node with --expose-gc');
    await withProxy([{ status: 200, sse: [chunk('a')], sseThen: 'stall' }], async (proxy) => {
      const { client } = harness(proxy);
      await (async () => {
        await client.chat.completions.create({ model: 'm', stream: true, messages: [] });
      })();
      for (let i = 0; i < 200 && total(client.metrics(), 'keyshift_inflight_requests') > 0; i++) {
        globalThis.gc();
        await new Promise((resolve) => setImmediate(resolve));
      }
      const snap = client.metrics();
      assert.equal(total(snap, 'keyshift_inflight_requests'), 0);
      assert.equal(total(snap, 'keyshift_attempts_total', { outcome: 'ignored' }), 1);
    });
  });
});

describe('SDK helpers run through the pipeline', { timeout: 60000 }, () => {
  test('chat.completions.stream() is retried before its commit and records usage', async () => {
    await withProxy([{ status: 503 }, { status: 200, sse: [roleChunk, chunk('he'), chunk('llo', 'stop'), kUsageChunk] }],
                    async (proxy) => {
      const { client, sleeper, clock } = harness(proxy, [0.5]);
      const runner = client.chat.completions.stream({
        model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }],
        stream_options: { include_usage: true },
      });
      let text = '';
      for await (const c of runner) text += c.choices[0]?.delta?.content ?? '';
      assert.equal(text, 'hello');
      assert.equal((await runner.finalChatCompletion()).choices[0].message.content, 'hello');
      assert.equal(proxy.requests.length, 2);
      assert.deepEqual(sleeper.sleeps, [250]);
      assert.equal(clock.nowMs(), 250);
      const snap = client.metrics();
      assert.equal(total(snap, 'keyshift_retries_total', { reason: 'status_5xx' }), 1);
      assert.equal(total(snap, 'keyshift_attempts_total', { outcome: 'success' }), 1);
      assert.equal(total(snap, 'gen_ai_client_operation_time_to_first_chunk_seconds'), 1);
      const [tokens] = snap.metrics.find((f) => f.name === 'gen_ai_client_token_usage').series
          .filter((s) => s.labels.gen_ai_token_type === 'input');
      assert.deepEqual([tokens.sum, tokens.labels.gen_ai_response_model], [7, 'gpt-4o-mini-x']);
      assert.equal(total(snap, 'keyshift_inflight_requests'), 0);
    });
  });

  test('a stream helper refused by the shim still tells its error_type', async () => {
    // The helpers rethrow a ShimError as an OpenAIError whose cause it is:
    // the cause carries keyshiftErrorType like every failure (SHIM_SPEC), so
    // an open breaker reads `circuit_open`, not the class name (the JS chaos
    // test once saw `OpenAIError` for it).
    await withProxy([{ status: 503 }], async (proxy) => {
      const { client } = harness(proxy, [], { maxRetries: 0, breaker: { consecutiveFailures: 1 } });
      await assert.rejects(client.chat.completions.create({ model: 'm', messages: [] }));
      const runner = client.chat.completions.stream({ model: 'm', messages: [] });
      const err = await (async () => {
        for await (const c of runner) assert.fail(`unexpected chunk ${JSON.stringify(c)}`);
      })().then(() => null, (e) => e);
      assert.ok(err instanceof OpenAI.OpenAIError, String(err));
      assert.equal(err.cause?.keyshiftErrorType, 'circuit_open');
      assert.equal(err.cause?.keyshiftReason, 'circuit_open');
      assert.equal(proxy.requests.length, 1, 'the refused call sent nothing');
    });
  });

  test('runTools() makes every request a wrapped call', async () => {
    const toolCall = {
      id: 'chatcmpl-t', object: 'chat.completion', created: 1, model: 'gpt-4o-mini-x',
      choices: [{ index: 0, finish_reason: 'tool_calls', message: {
        role: 'assistant', content: null,
        tool_calls: [{ id: 'call_1', type: 'function',
                       function: { name: 'lookup', arguments: '{"city":"Oslo"}' } }],
      } }],
      usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 },
    };
    await withProxy([{ status: 429, headers: { 'retry-after-ms': '10' } },
                     { status: 200, body: toolCall },
                     { status: 200, body: chatCompletion('gpt-4o-mini-x', 'It is sunny.') }],
                    async (proxy) => {
      const { client, sleeper } = harness(proxy);
      const calls = [];
      const runner = client.chat.completions.runTools({
        model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'weather?' }],
        tools: [{ type: 'function', function: {
          name: 'lookup', parameters: { type: 'object', properties: { city: { type: 'string' } } },
          parse: JSON.parse, function: (args) => { calls.push(args.city); return 'sunny'; },
        } }],
      });
      assert.equal(await runner.finalContent(), 'It is sunny.');
      assert.deepEqual(calls, ['Oslo']);
      assert.equal(proxy.requests.length, 3);
      assert.deepEqual(sleeper.sleeps, [10]);
      const snap = client.metrics();
      assert.equal(total(snap, 'keyshift_attempts_total', { outcome: 'success' }), 2);
      assert.equal(total(snap, 'gen_ai_client_operation_duration_seconds',
                         { gen_ai_operation_name: 'chat' }), 2);
    });
  });

  test('responses.stream() records the usage of response.completed', async () => {
    const response = (status, usage) => ({
      id: 'resp_1', object: 'response', created_at: 1, model: 'gpt-4.1-x', status,
      output: [], ...(usage ? { usage } : {}),
    });
    await withProxy([{ status: 200, sse: [
      { event: 'response.created', data: { type: 'response.created', sequence_number: 0,
                                           response: response('in_progress') } },
      { event: 'response.completed', data: { type: 'response.completed', sequence_number: 1,
        response: response('completed', { input_tokens: 11, output_tokens: 4, total_tokens: 15 }) } },
    ], sseThen: 'end' }], async (proxy) => {
      const { client } = harness(proxy);
      const stream = client.responses.stream({ model: 'gpt-4.1', input: 'hi' });
      const final = await stream.finalResponse();
      assert.equal(final.status, 'completed');
      const snap = client.metrics();
      assert.equal(total(snap, 'gen_ai_client_token_usage',
                         { openai_api_type: 'responses', gen_ai_token_type: 'output' }), 1);
      assert.equal(total(snap, 'keyshift_attempts_total', { outcome: 'success' }), 1);
      assert.equal(total(snap, 'keyshift_inflight_requests'), 0);
    });
  });

  test('beta.threads.runs.stream() goes through the pipeline', async () => {
    const run = (status) => ({ id: 'run_1', object: 'thread.run', thread_id: 'thread_1',
                               assistant_id: 'asst_1', status, model: 'gpt-4o-x' });
    await withProxy([{ status: 502 }, { status: 200, sse: [
      { event: 'thread.run.created', data: run('queued') },
      { event: 'thread.run.completed', data: run('completed') },
    ], sseThen: 'done' }], async (proxy) => {
      const { client, sleeper } = harness(proxy, [0]);
      const stream = client.beta.threads.runs.stream('thread_1', { assistant_id: 'asst_1' });
      const events = [];
      for await (const e of stream) events.push(e.event);
      assert.deepEqual(events, ['thread.run.created', 'thread.run.completed']);
      assert.deepEqual(proxy.requests.map((r) => r.url),
                       ['/v1/threads/thread_1/runs', '/v1/threads/thread_1/runs']);
      assert.deepEqual(sleeper.sleeps, [0]);
      const snap = client.metrics();
      assert.equal(total(snap, 'keyshift_attempts_total', { outcome: 'retryable' }), 1);
      assert.equal(total(snap, 'keyshift_attempts_total', { outcome: 'success' }), 1);
      assert.equal(total(snap, 'keyshift_inflight_requests'), 0);
    });
  });
});

describe('APIPromise surface and pagination', { timeout: 60000 }, () => {
  test('withResponse() gives data, the Response and the request id', async () => {
    await withProxy([{ status: 500 }, { status: 200, headers: { 'x-request-id': 'req_42' },
                                        body: chatCompletion('m-x', 'ok') }], async (proxy) => {
      const { client } = harness(proxy, [0]);
      const { data, response, request_id: id } = await client.chat.completions
          .create({ model: 'm', messages: [] }).withResponse();
      assert.equal(data.choices[0].message.content, 'ok');
      assert.equal(response.status, 200);
      assert.equal(id, 'req_42');
      assert.equal(proxy.requests.length, 2);
    });
  });

  test('asResponse() gives the raw Response with its body unread', async () => {
    await withProxy([{ status: 503 }, { status: 200, body: chatCompletion('m-x', 'raw') }],
                    async (proxy) => {
      const { client } = harness(proxy, [0]);
      const response = await client.chat.completions.create({ model: 'm', messages: [] })
          .asResponse();
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.equal(body.choices[0].message.content, 'raw');
      assert.equal(total(client.metrics(), 'keyshift_retries_total'), 1);
    });
  });

  test('for await walks every page, each page fetch a wrapped call', async () => {
    const page = (ids, more) => ({ object: 'list', data: ids.map((id) => ({ id, object: 'file' })),
                                   has_more: more, first_id: ids[0], last_id: ids.at(-1) });
    await withProxy([{ status: 200, body: page(['f1', 'f2'], true) },
                     { status: 503 },
                     { status: 200, body: page(['f3'], false) }], async (proxy) => {
      const { client, sleeper } = harness(proxy, [0.5]);
      const ids = [];
      for await (const f of client.files.list({ limit: 2 })) {
        ids.push(f.id);
        if (ids.length > 10) break;
      }
      assert.deepEqual(ids, ['f1', 'f2', 'f3']);
      assert.equal(proxy.requests.length, 3);
      assert.match(proxy.requests[2].url, /after=f2/);
      assert.deepEqual(sleeper.sleeps, [250]);
      assert.equal(total(client.metrics(), 'keyshift_attempts_total', { outcome: 'success' }), 2);
    });
  });
});
