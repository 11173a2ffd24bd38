// A scripted OpenAI-compatible proxy on 127.0.0.1 (ephemeral port) for the
// end-to-end tests: each request takes the next scripted response and is
// recorded (method, path, headers, body) for assertions.

import http from 'node:http';

/**
 * `script` entries: {status, headers?, body? (object or string), sse?:
 * [chunks] (a chunk is an object, or {event, data} for a named event),
 * sseThen?: 'done' (default: `data: [DONE]`, then end) | 'end' (end without
 * [DONE]) | 'cut' (destroy the socket: a stream cut mid-way) | 'stall'
 * (keep it open, silent), hang?: true}. A request beyond the script gets
 * 500 with an error body, so an unexpected extra attempt shows up in the
 * assertions.
 */
export async function startMockProxy(script) {
  const requests = [];
  const hung = [];
  const waiters = [];
  let next = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      let body;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      for (const w of waiters.splice(0)) w();
      const step = script[next++] ?? {
        status: 500, body: { error: { message: 'mock proxy: script exhausted' } },
      };
      if (step.hang) {
        hung.push(res);
        return;
      }
      if (step.sse) {
        res.writeHead(step.status ?? 200,
                      { 'content-type': 'text/event-stream', ...(step.headers ?? {}) });
        for (const chunk of step.sse) {
          if (chunk.event !== undefined && chunk.data !== undefined) {
            res.write(`event: ${chunk.event}\ndata: ${JSON.stringify(chunk.data)}\n\n`);
          } else {
            res.write(`data: ${JSON.stringify(chunk)}\n\n`);
          }
        }
        const then = step.sseThen ?? 'done';
        if (then === 'cut') {
          // Flush what was written, then drop the connection mid-body.
          res.socket.end();
          res.socket.destroySoon?.();
        } else if (then === 'stall') {
          hung.push(res);
        } else {
          res.end(then === 'done' ? 'data: [DONE]\n\n' : undefined);
        }
        return;
      }
      const text = typeof step.body === 'string' ? step.body : JSON.stringify(step.body ?? {});
      res.writeHead(step.status, { 'content-type': 'application/json', ...(step.headers ?? {}) });
      res.end(text);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    get remaining() {
      return script.length - next;
    },
    /** Resolves once `n` requests have arrived (the test's timeout bounds it). */
    async waitForRequests(n) {
      while (requests.length < n) await new Promise((resolve) => waiters.push(resolve));
    },
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A chat completion body with usage, as the API returns it. */
export function chatCompletion(model, content, usage = { prompt_tokens: 12, completion_tokens: 5 }) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1700000000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}
