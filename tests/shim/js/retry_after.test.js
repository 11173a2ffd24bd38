// Retry-After helpers beyond the vectors: header lookup on the shapes SDKs
// hand us, and IMF-fixdate arithmetic.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { getHeader, parseImfFixdate, retryAfterMs } from '../../../lib/shim/js/src/index.js';

test('getHeader reads Headers, plain objects and array values case-insensitively', () => {
  assert.equal(getHeader(new Headers({ 'Retry-After': '3' }), 'retry-after'), '3');
  assert.equal(getHeader({ 'RETRY-AFTER': '4' }, 'retry-after'), '4');
  assert.equal(getHeader({ 'retry-after': ['5', '6'] }, 'retry-after'), '5');
  assert.equal(getHeader({ 'retry-after': 7 }, 'retry-after'), '7');
  assert.equal(getHeader({}, 'retry-after'), undefined);
  assert.equal(getHeader(undefined, 'retry-after'), undefined);
});

test('parseImfFixdate gives Unix ms and rejects other date forms', () => {
  assert.equal(parseImfFixdate('Sun, 06 Nov 1994 08:49:37 GMT'), 784111777000);
  assert.equal(parseImfFixdate(' Thu, 01 Jan 1970 00:00:00 GMT\t'), 0);
  assert.equal(parseImfFixdate('Sunday, 06-Nov-94 08:49:37 GMT'), null);
  assert.equal(parseImfFixdate('Sun Nov  6 08:49:37 1994'), null);
  assert.equal(parseImfFixdate('Sun, 06 Nov 1994 24:00:00 GMT'), null);
  assert.equal(parseImfFixdate('Sun, 6 Nov 1994 08:49:37 GMT'), null);
});

test('retryAfterMs works with a fetch Headers object and the wall clock', () => {
  const wall = { nowUnixMs: () => 784111777000 - 1500 };
  assert.equal(retryAfterMs(new Headers({ 'retry-after': 'Sun, 06 Nov 1994 08:49:37 GMT' }), wall),
               1500);
  assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '20' }), wall), 20);
  assert.equal(retryAfterMs(null, wall), null);
});
