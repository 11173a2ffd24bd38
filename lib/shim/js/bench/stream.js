// Streaming overhead per chunk (SHIM_SPEC §1.9; not a test): iterates the
// same in-memory stream of chat chunks raw and through a wrapped client
// (StreamLease: the idle-timeout clock read, time to first chunk, usage of
// the last chunk, the end's bookkeeping) and reports the difference per
// chunk.
//
//   node lib/shim/js/bench/stream.js [chunks-per-stream] [streams-per-round] [rounds]

import os from 'node:os';
import { performance } from 'node:perf_hooks';

import { wrap } from '../src/index.js';

const chunksPerStream = Number(process.argv[2] ?? 1000);
const streams = Number(process.argv[3] ?? 200);
const rounds = Number(process.argv[4] ?? 7);

const chunk = {
  id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, delta: { content: ' word' }, finish_reason: null }],
};
const last = { ...chunk, choices: [], usage: { prompt_tokens: 10, completion_tokens: 1000 } };

function fakeStream() {
  return {
    async* [Symbol.asyncIterator]() {
      for (let i = 1; i < chunksPerStream; i++) yield chunk;
      yield last;
    },
  };
}

function client() {
  return {
    baseURL: 'https://llm-gateway.internal/v1',
    maxRetries: 2,
    chat: { completions: { async create() { return fakeStream(); } } },
  };
}

async function loop(c) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  for (let s = 0; s < streams; s++) {
    const stream = await c.chat.completions.create({ model: 'gpt-4o-mini', stream: true });
    for await (const x of stream) n += x.choices.length >= 0 ? 1 : 0;
  }
  const per = streams * chunksPerStream;
  const cpu = process.cpuUsage(c0);
  return { wall: ((performance.now() - t0) * 1e6) / per, cpu: ((cpu.user + cpu.system) * 1000) / per, n };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const raw = client();
const wrapped = wrap(client());
await loop(raw);
await loop(wrapped);
const raws = [];
const wraps = [];
for (let r = 0; r < rounds; r++) {
  raws.push(await loop(raw));
  wraps.push(await loop(wrapped));
}
console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ` +
            `${os.cpus().length} vCPU, load average ${os.loadavg()[0].toFixed(2)}`);
console.log(`${chunksPerStream} chunks/stream, ${streams} streams/round, ${rounds} rounds; ` +
            'medians in ns per chunk');
for (const kind of ['cpu', 'wall']) {
  const r = median(raws.map((x) => x[kind]));
  const w = median(wraps.map((x) => x[kind]));
  console.log(`${kind.padEnd(4)}: raw ${r.toFixed(0)}, wrapped ${w.toFixed(0)}, overhead ${(w - r).toFixed(0)}`);
}
