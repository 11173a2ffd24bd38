// The metrics registry's two exports: Prometheus text 0.0.4 and the JSON
// snapshot (the C++ reference's shape), checked on exact text.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Metrics } from '../../../lib/shim/js/src/index.js';

test('an empty registry exports no text and every family with no series', () => {
  const m = new Metrics();
  assert.equal(m.prometheusText(), '');
  const snap = m.snapshot();
  assert.equal(snap.metrics.length, 13);
  assert.deepEqual(snap.metrics[0], {
    name: 'gen_ai_client_operation_duration_seconds',
    otel_name: 'gen_ai.client.operation.duration',
    type: 'histogram',
    help: 'Duration of one logical GenAI call: queue wait, attempts and backoff',
    series: [],
  });
});

test('counters and gauges print in declared label order, empty labels omitted', () => {
  const m = new Metrics();
  m.counter('keyshift_retries_total',
            { reason: 'status_429', gen_ai_request_model: 'gpt-4o', server_address: 'h' }).inc(2);
  m.counter('keyshift_retries_total', { server_address: 'h', reason: 'timeout' }).inc();
  m.gauge('keyshift_retry_budget_tokens', { server_address: 'h', gen_ai_request_model: 'gpt-4o' })
      .set(8.1);
  assert.equal(m.prometheusText(), [
    '# HELP keyshift_retries_total Retries scheduled by reason',
    '# TYPE keyshift_retries_total counter',
    'keyshift_retries_total{server_address="h",reason="timeout"} 1',
    'keyshift_retries_total{server_address="h",gen_ai_request_model="gpt-4o",reason="status_429"} 2',
    '# HELP keyshift_retry_budget_tokens Retry budget tokens left',
    '# TYPE keyshift_retry_budget_tokens gauge',
    'keyshift_retry_budget_tokens{server_address="h",gen_ai_request_model="gpt-4o"} 8.1',
    '',
  ].join('\n'));
});

test('label values are escaped', () => {
  const m = new Metrics();
  m.counter('keyshift_circuit_rejections_total', { server_address: 'a"b\\c\nd' }).inc();
  assert.match(m.prometheusText(), /server_address="a\\"b\\\\c\\nd"/);
});

test('histograms export cumulative buckets, sum and count', () => {
  const m = new Metrics();
  const h = m.histogram('keyshift_queue_wait_seconds', { server_address: 'h' });
  h.observe(0);
  h.observe(0.02);
  h.observe(100);
  const text = m.prometheusText().split('\n');
  assert.equal(text[2], 'keyshift_queue_wait_seconds_bucket{server_address="h",le="0.01"} 1');
  assert.equal(text[3], 'keyshift_queue_wait_seconds_bucket{server_address="h",le="0.02"} 2');
  assert.equal(text[16], 'keyshift_queue_wait_seconds_bucket{server_address="h",le="+Inf"} 3');
  assert.equal(text[17], 'keyshift_queue_wait_seconds_sum{server_address="h"} 100.02');
  assert.equal(text[18], 'keyshift_queue_wait_seconds_count{server_address="h"} 3');
  const [s] = m.snapshot().metrics.find((f) => f.name === 'keyshift_queue_wait_seconds').series;
  assert.deepEqual(s.labels, { server_address: 'h' });
  assert.equal(s.count, 3);
  assert.deepEqual(s.buckets[0], { le: '0.01', count: 1 });
  assert.deepEqual(s.buckets[14], { le: '+Inf', count: 3 });
});

test('an undeclared label or metric is refused', () => {
  const m = new Metrics();
  assert.throws(() => m.counter('keyshift_attempts_total', { user_id: 'u1' }),
                /keyshift_attempts_total: unknown label 'user_id'/);
  assert.throws(() => m.counter('nope_total'), /unknown metric 'nope_total'/);
});
