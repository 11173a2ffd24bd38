// keyshift-shim is a dual package: `require('keyshift-shim')` must work on a
// Node without require(esm) (simulated with --no-experimental-require-module)
// and expose what `import` does. A CommonJS application wraps the real
// `openai` SDK (whose CommonJS build it gets) and retries through the mock
// proxy in a child process.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import * as esm from '../../../lib/shim/js/src/index.js';
import { chatCompletion, startMockProxy } from './mock_proxy.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.KEYSHIFT_SOURCE_DIR || path.resolve(here, '../../..');

const kApp = `'use strict';
const OpenAI = require('openai');
const { wrap, Shim } = require('keyshift-shim');
const client = wrap(new OpenAI({ apiKey: process.env.APP_KEY, baseURL: process.env.APP_URL }),
                    { backoffBaseMs: 1, backoffCapMs: 1 });
(async () => {
  const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });
  const attempts = client.metrics().metrics.find((f) => f.name === 'keyshift_attempts_total');
  process.stdout.write(JSON.stringify({
    content: res.choices[0].message.content,
    shim: client.keyshiftShim instanceof Shim,
    exports: Object.keys(require('keyshift-shim')).sort(),
    attempts: Object.fromEntries(attempts.series.map((s) => [s.labels.outcome, s.value])),
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

test('require("keyshift-shim") works without require(esm)', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keyshift-cjs-'));
  const proxy = await startMockProxy([{ status: 503 }, { status: 200, body: chatCompletion('m', 'hi') }]);
  try {
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(path.join(root, 'lib', 'shim', 'js'), path.join(dir, 'node_modules', 'keyshift-shim'));
    symlinkSync(path.join(root, 'node_modules', 'openai'), path.join(dir, 'node_modules', 'openai'));
    writeFileSync(path.join(dir, 'app.cjs'), kApp);
    const { stdout } = await promisify(execFile)(
        process.execPath, ['--no-experimental-require-module', path.join(dir, 'app.cjs')],
        { cwd: dir, env: { ...process.env, APP_URL: proxy.baseURL, APP_KEY: 'sk-' + 'test-cjs' } });
    const out = JSON.parse(stdout);
    assert.equal(out.content, 'hi');
    assert.equal(out.shim, true);
    assert.deepEqual(out.attempts, { retryable: 1, success: 1 });
    assert.deepEqual(out.exports, Object.keys(esm).sort(), 'the same names as the ES module');
    assert.equal(proxy.requests.length, 2);
  } finally {
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
