// Per-call overhead of wrap() against a no-op client (not a test). Runs the
// same awaited call loop on the raw client and on the wrapped one and reports
// the difference per call; the target is ≤ 2 µs (SHIM_SPEC §3 spirit).
//
//   node lib/shim/js/bench/overhead.js [calls-per-round] [rounds]

import os from 'node:os';
import { performance } from 'node:perf_hooks';

import { wrap } from '../src/index.js';

const calls = Number(process.argv[2] ?? 200000);
const rounds = Number(process.argv[3] ?? 7);

const response = {
  id: 'x', model: 'gpt-4o-mini-2024-07-18',
  usage: { prompt_tokens: 10, completion_tokens: 3 },
};
function noopClient() {
  return {
    baseURL: 'https://llm-gateway.internal/v1',
    maxRetries: 2,
    chat: { completions: { async create() { return response; } } },
  };
}

// Both wall time and process CPU time per call: on a shared machine the CPU
// time is the fairer figure, since it leaves out time spent descheduled.
async function loop(client, n) {
  const body = { model: 'gpt-4o-mini', messages: [] };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await client.chat.completions.create(body);
  const wall = ((performance.now() - t0) * 1000) / n;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / n };  // µs per call
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const raw = noopClient();
const wrapped = wrap(noopClient());
// Warm up both paths so the JIT has compiled them before measuring.
await loop(raw, 50000);
await loop(wrapped, 50000);

const raws = [];
const wraps = [];
for (let r = 0; r < rounds; r++) {
  raws.push(await loop(raw, calls));
  wraps.push(await loop(wrapped, calls));
}
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`node ${process.version}, ${cpu}, ${os.cpus().length} vCPU, ` +
            `load average ${os.loadavg()[0].toFixed(2)}`);
console.log(`calls/round ${calls}, rounds ${rounds}; medians in µs per call`);
for (const kind of ['cpu', 'wall']) {
  const r = median(raws.map((x) => x[kind]));
  const w = median(wraps.map((x) => x[kind]));
  console.log(`${kind.padEnd(4)}: raw no-op ${r.toFixed(3)}, wrapped ${w.toFixed(3)}, ` +
              `overhead ${(w - r).toFixed(3)} (target ≤ 2)`);
}
const attempts = wrapped.metrics().metrics.find((f) => f.name === 'keyshift_attempts_total');
console.log(`attempts recorded: ${attempts.series.reduce((a, s) => a + s.value, 0)}`);
