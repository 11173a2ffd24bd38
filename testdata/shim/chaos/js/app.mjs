// A support bot's nightly batch: answers a queue of customer questions with
// the OpenAI SDK, a few at a time, streaming the long answers, and embeds
// the short ones for the FAQ index. The chaos test migrates it with
// `keyshift migrate --shim` and runs it against a fault-injecting proxy.
//
// Input: CHAOS_WORKLOAD (a JSON file of phases of calls); output:
// CHAOS_RESULTS (one record per call) and CHAOS_METRICS (the shim's
// Prometheus text, when the shim is there).
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

// The SDK's stream helpers rethrow a transport error as an OpenAIError whose
// `cause` is the original.
function errorTypeOf(err) {
  return err?.keyshiftErrorType ?? err?.errorType ?? err?.cause?.keyshiftErrorType ??
      err?.constructor?.name ?? 'unknown';
}

async function ask(call) {
  const messages = [{ role: 'user', content: call.id }];
  const usage = { input: 0, output: 0 };
  const addUsage = (u) => {
    if (u) {
      usage.input += u.prompt_tokens ?? 0;
      usage.output += u.completion_tokens ?? 0;
    }
  };
  let events = 0;
  try {
    if (call.kind === 'chat') {
      const res = await client.chat.completions.create({ model: call.model, messages });
      addUsage(res.usage);
    } else if (call.kind === 'embed') {
      const res = await client.embeddings.create({ model: call.model, input: call.id });
      addUsage(res.usage);
    } else if (call.kind === 'stream') {
      const runner = client.chat.completions.stream({
        model: call.model, messages, stream_options: { include_usage: true },
      });
      for await (const chunk of runner) {
        events++;
        addUsage(chunk.usage);
      }
    } else if (call.kind === 'stream_break') {
      const stream = await client.chat.completions.create({
        model: call.model, messages, stream: true, stream_options: { include_usage: true },
      });
      for await (const chunk of stream) {
        events++;
        addUsage(chunk.usage);
        break; // the first sentence is enough for the preview
      }
    }
    return { id: call.id, kind: call.kind, ok: true, events, usage };
  } catch (err) {
    return { id: call.id, kind: call.kind, ok: false, error_type: errorTypeOf(err), events, usage };
  }
}

async function runPhase(phase) {
  const queue = [...phase.calls];
  const results = [];
  const worker = async () => {
    for (let call = queue.shift(); call !== undefined; call = queue.shift()) {
      results.push(await ask(call));
    }
  };
  await Promise.all(Array.from({ length: phase.concurrency }, worker));
  return results;
}

const workload = JSON.parse(readFileSync(process.env.CHAOS_WORKLOAD, 'utf8'));
const results = [];
for (const phase of workload.phases) {
  if (phase.pause_ms) await sleep(phase.pause_ms);
  results.push(...await runPhase(phase));
}
writeFileSync(process.env.CHAOS_RESULTS, JSON.stringify({ calls: results }));
if (typeof client.prometheusText === 'function') {
  writeFileSync(process.env.CHAOS_METRICS, client.prometheusText());
}
