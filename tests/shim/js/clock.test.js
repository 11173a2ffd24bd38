// The production implementations of the injected interfaces.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MonoClock, Rng, Sleeper, WallClock } from '../../../lib/shim/js/src/index.js';

test('Rng draws are in [0, 1) and are multiples of 2^-53', () => {
  const rng = new Rng();
  for (let i = 0; i < 1000; i++) {
    const u = rng.nextUnit();
    assert.ok(u >= 0 && u < 1, `draw ${u}`);
    assert.ok(Number.isInteger(u * 2 ** 53), `draw ${u} is not k·2^-53`);
  }
});

test('MonoClock gives non-decreasing integers; WallClock gives Unix ms', () => {
  const mono = new MonoClock();
  let prev = mono.nowMs();
  for (let i = 0; i < 100; i++) {
    const now = mono.nowMs();
    assert.ok(Number.isInteger(now) && now >= prev);
    prev = now;
  }
  const wall = new WallClock().nowUnixMs();
  assert.ok(Number.isInteger(wall) && wall > Date.UTC(2020, 0, 1));
});

test('Sleeper.sleep(0) resolves and an aborted signal rejects with AbortError', async () => {
  const s = new Sleeper();
  assert.equal(await s.sleep(0), undefined);
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(s.sleep(60000, ac.signal), { name: 'AbortError' });
});
