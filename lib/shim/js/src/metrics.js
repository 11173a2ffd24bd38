// Metrics registry with the OpenTelemetry GenAI client metrics and the
// keyshift_* resilience metrics (SHIM_SPEC §1.8, §2). Series are resolved to
// handles once per label set, so recording on the hot path is a plain field
// update. Exports the C++ reference's JSON snapshot shape and Prometheus text
// format 0.0.4, with the same family order, label order and help text.

export const kDurationBuckets = Object.freeze([
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48,
  40.96, 81.92,
]);
export const kTokenBuckets = Object.freeze([
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
  16777216, 67108864,
]);

const kOpLabels = Object.freeze([
  'gen_ai_operation_name', 'gen_ai_provider_name', 'gen_ai_request_model',
  'gen_ai_response_model', 'server_address', 'server_port', 'openai_api_type',
  'error_type',
]);
const kTokenLabels = Object.freeze([
  'gen_ai_operation_name', 'gen_ai_provider_name', 'gen_ai_token_type',
  'gen_ai_request_model', 'gen_ai_response_model', 'server_address',
  'server_port', 'openai_api_type',
]);
const kKey = ['server_address', 'gen_ai_request_model'];

function family(name, otelName, type, help, labels, buckets) {
  return Object.freeze({
    name, otelName, type, help, labels: Object.freeze([...labels]),
    buckets: buckets ?? null,
    le: buckets ? Object.freeze(buckets.map(String)) : null,
  });
}

/** Every family the shim emits, in export order (as the C++ reference). */
export const kDescriptors = Object.freeze([
  family('gen_ai_client_operation_duration_seconds', 'gen_ai.client.operation.duration',
         'histogram', 'Duration of one logical GenAI call: queue wait, attempts and backoff',
         kOpLabels, kDurationBuckets),
  family('gen_ai_client_operation_time_to_first_chunk_seconds',
         'gen_ai.client.operation.time_to_first_chunk', 'histogram',
         'Time from the start of a streaming call to its first chunk', kOpLabels,
         kDurationBuckets),
  family('gen_ai_client_token_usage', 'gen_ai.client.token.usage', 'histogram',
         'Tokens reported by responses', kTokenLabels, kTokenBuckets),
  family('keyshift_attempts_total', '', 'counter', 'Upstream attempts by outcome',
         [...kKey, 'outcome']),
  family('keyshift_retries_total', '', 'counter', 'Retries scheduled by reason',
         [...kKey, 'reason']),
  family('keyshift_retry_giveups_total', '', 'counter',
         'Calls that stopped retrying, by reason', [...kKey, 'reason']),
  family('keyshift_circuit_state', '', 'gauge',
         'Circuit state: 0 closed, 1 open, 2 half_open', kKey),
  family('keyshift_circuit_transitions_total', '', 'counter', 'Circuit state transitions',
         [...kKey, 'from', 'to']),
  family('keyshift_circuit_rejections_total', '', 'counter',
         'Calls rejected by an open circuit', kKey),
  family('keyshift_inflight_requests', '', 'gauge', 'Attempts holding a concurrency permit',
         kKey),
  family('keyshift_queue_wait_seconds', '', 'histogram',
         'Time spent waiting for a concurrency permit', kKey, kDurationBuckets),
  family('keyshift_concurrency_rejections_total', '', 'counter',
         'Calls rejected by the concurrency limiter', [...kKey, 'reason']),
  family('keyshift_retry_budget_tokens', '', 'gauge', 'Retry budget tokens left', kKey),
]);

/** name -> descriptor. */
export const kFamilies = Object.freeze(Object.fromEntries(kDescriptors.map((d) => [d.name, d])));

class Series {
  constructor(values, labels) {
    this.values = values;
    this.labels = labels;
    this.value = 0;
  }
  inc(n = 1) {
    this.value += n;
  }
  set(v) {
    this.value = v;
  }
}

class HistogramSeries {
  constructor(values, labels, buckets) {
    this.values = values;
    this.labels = labels;
    this.buckets = buckets;
    // Per-bucket counts, not cumulative; the last slot is +Inf.
    this.counts = new Array(buckets.length + 1).fill(0);
    this.sum = 0;
    this.count = 0;
  }
  /** `le` semantics: a value equal to a bound belongs to that bucket. */
  observe(v) {
    const b = this.buckets;
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (b[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    this.counts[lo]++;
    this.sum += v;
    this.count++;
  }
  /** observe(0) without the search: every immediate limiter grant does it. */
  observeZero() {
    this.counts[0]++;
    this.count++;
  }
  cumulative() {
    const out = new Array(this.counts.length);
    let acc = 0;
    for (let i = 0; i < this.counts.length; i++) out[i] = acc += this.counts[i];
    return out;
  }
}

/**
 * Label values in the family's declared order; '' for absent. An empty value
 * is omitted from the exported series. An undeclared label is a bug.
 */
function valuesOf(d, labels) {
  for (const l in labels) {
    if (!d.labels.includes(l)) throw new TypeError(`metrics: ${d.name}: unknown label '${l}'`);
  }
  return d.labels.map((l) => {
    const v = labels[l];
    return v === undefined || v === null ? '' : String(v);
  });
}

function compareValues(a, b) {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

function escapeLabelValue(v) {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Shortest round-trip form, as the C++ and Python ports print it. */
function formatNumber(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function formatLabels(d, values, le) {
  let out = '';
  for (let i = 0; i < d.labels.length; i++) {
    if (values[i] === '') continue;
    out += (out ? ',' : '{') + d.labels[i] + '="' + escapeLabelValue(values[i]) + '"';
  }
  if (le !== undefined) out += (out ? ',' : '{') + 'le="' + le + '"';
  return out ? out + '}' : '';
}

export class Metrics {
  constructor() {
    // name -> Map(joined values -> series)
    this.families_ = new Map();
    for (const d of kDescriptors) this.families_.set(d.name, new Map());
  }

  series_(name, labels) {
    const d = kFamilies[name];
    if (!d) throw new TypeError(`metrics: unknown metric '${name}'`);
    const values = valuesOf(d, labels);
    const key = values.join('\u0000');
    const fam = this.families_.get(name);
    let s = fam.get(key);
    if (s === undefined) {
      const exported = {};
      d.labels.forEach((l, i) => {
        if (values[i] !== '') exported[l] = values[i];
      });
      s = d.type === 'histogram' ? new HistogramSeries(values, exported, d.buckets)
                                 : new Series(values, exported);
      fam.set(key, s);
    }
    return s;
  }

  /** A counter series handle: `inc(n)`, `value`. Keep it; lookups cost. */
  counter(name, labels = {}) {
    return this.series_(name, labels);
  }
  /** A gauge series handle: `set(v)`, `value`. */
  gauge(name, labels = {}) {
    return this.series_(name, labels);
  }
  /** A histogram series handle: `observe(v)`. */
  histogram(name, labels = {}) {
    return this.series_(name, labels);
  }

  sorted_(name) {
    return [...this.families_.get(name).values()].sort((a, b) => compareValues(a.values, b.values));
  }

  /**
   * The C++ reference's JSON shape: {metrics: [{name, otel_name?, type, help,
   * series: [{labels, value} | {labels, count, sum, buckets: [{le, count}]}]}]}
   * with cumulative bucket counts, `+Inf` last.
   */
  snapshot() {
    const metrics = [];
    for (const d of kDescriptors) {
      const fam = { name: d.name };
      if (d.otelName) fam.otel_name = d.otelName;
      fam.type = d.type;
      fam.help = d.help;
      fam.series = this.sorted_(d.name).map((s) => {
        if (d.type !== 'histogram') return { labels: { ...s.labels }, value: s.value };
        const cum = s.cumulative();
        return {
          labels: { ...s.labels }, count: s.count, sum: s.sum,
          buckets: cum.map((count, i) => ({ le: i < d.le.length ? d.le[i] : '+Inf', count })),
        };
      });
      metrics.push(fam);
    }
    return { metrics };
  }

  /** Prometheus text exposition format 0.0.4; empty families are left out. */
  prometheusText() {
    let out = '';
    for (const d of kDescriptors) {
      const series = this.sorted_(d.name);
      if (series.length === 0) continue;
      out += `# HELP ${d.name} ${d.help}\n# TYPE ${d.name} ${d.type}\n`;
      for (const s of series) {
        if (d.type !== 'histogram') {
          out += `${d.name}${formatLabels(d, s.values)} ${formatNumber(s.value)}\n`;
          continue;
        }
        const cum = s.cumulative();
        for (let i = 0; i < cum.length; i++) {
          const le = i < d.le.length ? d.le[i] : '+Inf';
          out += `${d.name}_bucket${formatLabels(d, s.values, le)} ${cum[i]}\n`;
        }
        out += `${d.name}_sum${formatLabels(d, s.values)} ${formatNumber(s.sum)}\n`;
        out += `${d.name}_count${formatLabels(d, s.values)} ${s.count}\n`;
      }
    }
    return out;
  }
}

/** Finds one series in a snapshot by its exact exported label set. */
export function findSeries(snapshot, name, labels) {
  const fam = snapshot.metrics.find((f) => f.name === name);
  if (!fam) return undefined;
  const want = Object.keys(labels).filter((k) => labels[k] !== '' && labels[k] != null);
  return fam.series.find((s) => {
    const have = Object.keys(s.labels);
    return have.length === want.length && want.every((k) => s.labels[k] === String(labels[k]));
  });
}
