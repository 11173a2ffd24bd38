// The per-call pipeline (SHIM_SPEC §1.1): limiter -> breaker -> attempt ->
// classify -> record -> backoff or give up -> sleep, with all state kept per
// breaker key (server address, port, model) and every metric recorded.

import { backoffDelayMs, BackoffMode, kDefaultBaseMs, kDefaultCapMs } from './backoff.js';
import { CircuitBreaker, kCircuitStateValue, kRejected, stripUndefined } from './breaker.js';
import { RetryBudget } from './budget.js';
import { attemptOutcome, classify, ObservationKind, RetryClass } from './classify.js';
import { MonoClock, Rng, Sleeper, WallClock } from './clock.js';
import { environmentPolicy, mergePolicy } from './config.js';
import { Limiter } from './limiter.js';
import { Metrics } from './metrics.js';
import { kDefaultMaxRetryAfterMs } from './retry_after.js';
import { StreamLease } from './stream.js';

/**
 * A call the shim did not let through or gave up on. `reason` is the
 * give-up reason or rejection (`circuit_open`, `concurrency_limit`,
 * `max_retries`, `retry_budget`, `retry_after_too_long`, `deadline`,
 * `cancelled`, or null for a non-retryable error); `errorType` is the
 * `error_type` metric label; `cause` is the last upstream error, if any.
 */
export class ShimError extends Error {
  constructor(message, { reason, errorType, retryAfterMs, cause, attempts }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ShimError';
    this.reason = reason;
    this.errorType = errorType;
    this.retryAfterMs = retryAfterMs ?? null;
    this.attempts = attempts ?? 0;
    // Every failure carries the call's labels under the same names
    // (SHIM_SPEC: `err.keyshiftErrorType`), the shim's own refusals too:
    // the SDK's stream helpers rethrow a ShimError as the `cause` of an
    // OpenAIError, where only these names are looked for.
    this.keyshiftReason = reason ?? null;
    this.keyshiftErrorType = errorType;
  }
}

const kPolicyDefaults = Object.freeze({
  maxRetries: 2,
  totalTimeoutMs: null,
  backoffMode: BackoffMode.FULL,
  backoffBaseMs: kDefaultBaseMs,
  backoffCapMs: kDefaultCapMs,
  maxRetryAfterMs: kDefaultMaxRetryAfterMs,
  breakerCounts429: false,
  attemptTimeoutMs: null,
});

/** Per-key state and pre-resolved metric handles. */
class KeyState {
  constructor(shim, address, port, model) {
    const m = shim.metrics;
    const keyLabels = { server_address: address, gen_ai_request_model: model };
    this.sites = new Map();
    this.address = address;
    this.port = port;
    this.model = model;
    this.keyLabels = keyLabels;
    this.stateGauge = m.gauge('keyshift_circuit_state', keyLabels);
    this.budgetGauge = m.gauge('keyshift_retry_budget_tokens', keyLabels);
    this.inflightGauge = m.gauge('keyshift_inflight_requests', keyLabels);
    this.queueWait = m.histogram('keyshift_queue_wait_seconds', keyLabels);
    this.metrics = m;
    // Counters are created on first increment, so a zero series never shows.
    this.rejections = null;
    this.attempts = { success: null, retryable: null, fatal: null, ignored: null };
    this.breaker = new CircuitBreaker(shim.breakerOpts, shim.clock, (from, to) => {
      m.counter('keyshift_circuit_transitions_total', { ...keyLabels, from, to }).inc();
      this.stateGauge.set(kCircuitStateValue[to]);
    });
    this.budget = new RetryBudget(shim.budgetOpts);
    this.limiter = new Limiter(shim.limiterOpts, shim.clock, shim.timers);
    this.stateGauge.set(0);
    this.budgetGauge.set(this.budget.milliTokens / 1000);
    this.inflightGauge.set(0);
  }

  countAttempt(outcome) {
    let c = this.attempts[outcome];
    if (c === null) {
      c = this.metrics.counter('keyshift_attempts_total', { ...this.keyLabels, outcome });
      this.attempts[outcome] = c;
    }
    c.inc();
  }

  countRejection() {
    this.rejections ??= this.metrics.counter('keyshift_circuit_rejections_total', this.keyLabels);
    this.rejections.inc();
  }
}

/** One key plus one operation: what execute() needs, resolved once. */
export class CallSite {
  constructor(ks, operationName, apiType) {
    this.ks = ks;
    this.operationName = operationName;
    this.apiType = apiType;
    // Success handles by response model, with a one-entry front cache since a
    // deployment nearly always answers with the same model.
    this.handles = new Map();
    this.lastModel = null;
    this.lastHandles = null;
  }
}

/**
 * One policy (retry, breaker, budget, limiter settings) with its per-key
 * state and metrics. Share one Shim between wrapped clients to share both.
 * Every time, random and sleep decision goes through the injected `clock`,
 * `wallClock`, `rng`, `sleeper` and `timers`.
 */
export class Shim {
  constructor(policy = {}) {
    // KEYSHIFT_SHIM_POLICY members win over the code's (SHIM_SPEC §1.11).
    const p = mergePolicy({ ...kPolicyDefaults, ...stripUndefined(policy) },
                          environmentPolicy());
    this.clock = p.clock ?? new MonoClock();
    this.wallClock = p.wallClock ?? new WallClock();
    this.rng = p.rng ?? new Rng();
    this.sleeper = p.sleeper ?? new Sleeper();
    this.timers = p.timers ?? globalThis;
    this.metrics = p.metrics ?? new Metrics();
    this.maxRetries = p.maxRetries;
    this.providerName = p.providerName ?? 'openai';
    this.totalTimeoutMs = p.totalTimeoutMs;
    // Per-attempt timeout (and a stream's idle timeout); null = the SDK's.
    this.attemptTimeoutMs = p.attemptTimeoutMs;
    if (p.backoffMode !== BackoffMode.FULL && p.backoffMode !== BackoffMode.OPENAI) {
      throw new TypeError(`policy: backoffMode: unknown mode '${p.backoffMode}'`);
    }
    this.backoff = { mode: p.backoffMode, baseMs: p.backoffBaseMs, capMs: p.backoffCapMs };
    this.classifyOpts = {
      maxRetryAfterMs: p.maxRetryAfterMs,
      breakerCounts429: p.breakerCounts429,
      wallClock: this.wallClock,
    };
    this.breakerOpts = p.breaker ?? {};
    this.budgetOpts = p.budget ?? {};
    this.limiterOpts = p.limiter ?? {};
    // An optional cap across all keys, queueing like the per-key limiters.
    this.globalLimiter = p.globalMaxInFlight > 0
        ? new Limiter({ ...this.limiterOpts, maxInFlight: p.globalMaxInFlight }, this.clock,
                      this.timers)
        : null;
    this.keys_ = new Map();
  }

  /** Per-key state, created on first use. Nested maps: no key building. */
  keyState(address = '', port = 0, model = '') {
    let byPort = this.keys_.get(address);
    if (byPort === undefined) this.keys_.set(address, byPort = new Map());
    let byModel = byPort.get(port);
    if (byModel === undefined) byPort.set(port, byModel = new Map());
    let ks = byModel.get(model);
    if (ks === undefined) byModel.set(model, ks = new KeyState(this, address, port, model));
    return ks;
  }

  /**
   * The pre-resolved state for calls that share a key and an operation
   * (see `call` in execute()). Passing the CallSite to execute() instead of a
   * plain object skips the lookups; wrap() does this per method and model.
   */
  site(call = {}) {
    const ks = this.keyState(call.serverAddress ?? '', call.serverPort ?? 0, call.model ?? '');
    const op = call.operationName ?? '_OTHER';
    const apiType = call.apiType ?? null;
    let byApi = ks.sites.get(op);
    if (byApi === undefined) ks.sites.set(op, byApi = new Map());
    let site = byApi.get(apiType);
    if (site === undefined) byApi.set(apiType, site = new CallSite(ks, op, apiType));
    return site;
  }

  metricsSnapshot() {
    return this.metrics.snapshot();
  }
  prometheusText() {
    return this.metrics.prometheusText();
  }

  /**
   * Runs `attempt(i, signal, remainingMs)` through the pipeline
   * (`remainingMs` is the time left before the total deadline, or null). `attempt` resolves to
   * {obs, value, error}: the observation to classify, plus the value to
   * return on success or the error to surface on failure. `call` is a
   * CallSite or {operationName, apiType, model, serverAddress, serverPort,
   * signal}. Resolves to the value; rejects with the upstream error
   * (annotated with `keyshiftReason` / `keyshiftErrorType`) or a ShimError
   * when the shim itself refused. `maxRetries` overrides the policy for this
   * call (0 for a one-shot request body, which cannot be sent twice).
   *
   * With `stream` set, a successful attempt's value is a stream (an async
   * iterable): the call is committed there and resolves to the same object
   * whose iteration now ends the attempt (SHIM_SPEC §1.9): permits, breaker
   * outcome, duration and tokens are recorded when the stream ends, errors,
   * or is closed. `stream` may be an object {idleTimeoutMs, signal} for the
   * stream's own timeout and the caller's signal.
   */
  async execute(attempt, call = {}, signal = call.signal, maxRetries = this.maxRetries,
                stream = null) {
    if (!(call instanceof CallSite)) call = this.site(call);
    const ks = call.ks;
    const clock = this.clock;
    const start = clock.nowMs();
    const deadline = this.totalTimeoutMs == null ? null : start + this.totalTimeoutMs;
    let last = null;
    for (let i = 0; ; i++) {
      // 1. Concurrency permits (the optional global one first, as the C++
      // reference), held for this attempt only.
      let rej = null;
      if (this.globalLimiter !== null) {
        rej = this.globalLimiter.acquire(deadline, signal);
        if (rej !== null && typeof rej !== 'string') rej = await rej;
      }
      if (rej === null) {
        rej = ks.limiter.acquire(deadline, signal);
        if (rej === null) {
          ks.queueWait.observeZero();
        } else if (typeof rej !== 'string') {
          const waitStart = clock.nowMs();
          rej = await rej;
          if (rej === null) ks.queueWait.observe((clock.nowMs() - waitStart) / 1000);
        }
        if (rej !== null && this.globalLimiter !== null) this.globalLimiter.release();
      }
      if (rej !== null) {
        if (rej === 'cancelled') return this.fail_(ks, call, start, 'cancelled', 'cancelled', null, i);
        this.metrics.counter('keyshift_concurrency_rejections_total',
                             { ...ks.keyLabels, reason: rej }).inc();
        return this.fail_(ks, call, start, 'concurrency_limit', 'concurrency_limit', null, i);
      }
      ks.inflightGauge.set(ks.limiter.inFlight);
      // 2. Breaker admission; an open breaker is never retried.
      const ticket = ks.breaker.tryAcquire();
      if (ticket === kRejected) {
        this.releasePermits_(ks);
        ks.countRejection();
        return this.fail_(ks, call, start, 'circuit_open', 'circuit_open', last?.error,
                          i, ks.breaker.retryAfterMs);
      }
      // 3. The attempt itself.
      // The deadline spans all attempts: tell the attempt how long it has.
      const remainingMs = deadline === null ? null : Math.max(0, deadline - clock.nowMs());
      let r;
      try {
        r = await attempt(i, signal, remainingMs);
      } catch (err) {
        r = { obs: { kind: ObservationKind.OTHER }, error: err };
      }
      const cls = classify(r.obs, this.classifyOpts);
      if (stream && cls.retryClass === RetryClass.SUCCESS && isAsyncIterable(r.value)) {
        // Committed: the attempt stays open until the stream ends.
        return new StreamLease(this, call, start, ticket, deadline, stream, signal)
            .instrument(r.value);
      }
      const outcome = attemptOutcome(cls);
      ks.breaker.record(cls.breakerOutcome, ticket);
      ks.budget.record(outcome);
      ks.budgetGauge.set(ks.budget.milliTokens / 1000);
      this.releasePermits_(ks);
      ks.countAttempt(outcome);
      last = r;
      // 4. Done?
      if (cls.retryClass === RetryClass.SUCCESS) {
        this.succeed_(ks, call, start, r.value, r.obs);
        return r.value;
      }
      if (cls.retryClass === RetryClass.FATAL) {
        if (cls.reason === 'retry_after_too_long') this.giveUp_(ks, 'retry_after_too_long');
        return this.fail_(ks, call, start, cls.reason,
                          cls.reason === 'retry_after_too_long' ? 'retry_after_too_long' : cls.errorType,
                          r.error, i + 1);
      }
      if (i >= maxRetries) {
        this.giveUp_(ks, 'max_retries');
        return this.fail_(ks, call, start, 'max_retries', cls.errorType, r.error, i + 1);
      }
      // 5. Delay, then the give-up checks in spec order.
      const delay = cls.retryAfterMs !== null
          ? cls.retryAfterMs
          : backoffDelayMs(i, this.rng.nextUnit(), this.backoff);
      if (!ks.budget.allowRetry()) {
        this.giveUp_(ks, 'retry_budget');
        return this.fail_(ks, call, start, 'retry_budget', 'retry_budget', r.error, i + 1);
      }
      if (deadline !== null && clock.nowMs() + delay >= deadline) {
        this.giveUp_(ks, 'deadline');
        return this.fail_(ks, call, start, 'deadline', 'timeout', r.error, i + 1);
      }
      this.metrics.counter('keyshift_retries_total',
                           { ...ks.keyLabels, reason: cls.retryReason }).inc();
      // 6. Sleep without holding a permit.
      try {
        await this.sleeper.sleep(delay, signal);
      } catch (err) {
        if (signal?.aborted) {
          return this.fail_(ks, call, start, 'cancelled', 'cancelled', err, i + 1);
        }
        throw err;
      }
      if (signal?.aborted) {
        return this.fail_(ks, call, start, 'cancelled', 'cancelled', signal.reason, i + 1);
      }
    }
  }

  releasePermits_(ks) {
    ks.limiter.release();
    ks.inflightGauge.set(ks.limiter.inFlight);
    if (this.globalLimiter !== null) this.globalLimiter.release();
  }

  giveUp_(ks, reason) {
    this.metrics.counter('keyshift_retry_giveups_total', { ...ks.keyLabels, reason }).inc();
  }

  opLabels_(ks, call, responseModel, errorType) {
    const labels = {
      gen_ai_operation_name: call.operationName ?? '_OTHER',
      gen_ai_provider_name: this.providerName,
      gen_ai_request_model: ks.model,
      server_address: ks.address,
      server_port: String(ks.port),
    };
    if (responseModel) labels.gen_ai_response_model = responseModel;
    if (call.apiType) labels.openai_api_type = call.apiType;
    if (errorType) labels.error_type = errorType;
    return labels;
  }

  /** The GenAI histogram handles of one success label set, cached per site. */
  opHandles_(site, responseModel) {
    if (site.lastModel === responseModel) return site.lastHandles;
    let h = site.handles.get(responseModel);
    if (h === undefined) {
      const m = this.metrics;
      const labels = this.opLabels_(site.ks, site, responseModel, null);
      h = {
        duration: m.histogram('gen_ai_client_operation_duration_seconds', labels),
        ttfc: m.histogram('gen_ai_client_operation_time_to_first_chunk_seconds', labels),
        input: m.histogram('gen_ai_client_token_usage', { ...labels, gen_ai_token_type: 'input' }),
        output: m.histogram('gen_ai_client_token_usage', { ...labels, gen_ai_token_type: 'output' }),
      };
      site.handles.set(responseModel, h);
    }
    site.lastModel = responseModel;
    site.lastHandles = h;
    return h;
  }

  succeed_(ks, call, start, value, obs) {
    const responseModel = obs.responseModel ?? modelOf(value);
    const h = this.opHandles_(call, responseModel);
    h.duration.observe((this.clock.nowMs() - start) / 1000);
    // Read inline rather than through usageOf(): no object per call.
    const u = obs.usage ?? value?.usage;
    if (u != null && typeof u === 'object') {
      const input = u.prompt_tokens ?? u.input_tokens;
      const output = u.completion_tokens ?? u.output_tokens;
      if (typeof input === 'number') h.input.observe(input);
      if (typeof output === 'number') h.output.observe(output);
    }
  }

  fail_(ks, call, start, reason, errorType, cause, attempts, retryAfterMs) {
    const et = errorType ?? '_OTHER';
    this.metrics.histogram('gen_ai_client_operation_duration_seconds',
                           this.opLabels_(ks, call, '', et))
        .observe((this.clock.nowMs() - start) / 1000);
    // Surface the SDK's own error when there is one, so callers' existing
    // `catch (e) { if (e instanceof RateLimitError) … }` keeps working.
    if (cause instanceof Error && reason !== 'circuit_open' &&
        reason !== 'concurrency_limit') {
      try {
        cause.keyshiftReason = reason;
        cause.keyshiftErrorType = et;
      } catch {
        // Frozen errors keep their identity; the metrics still carry the reason.
      }
      throw cause;
    }
    throw new ShimError(`keyshift shim: ${reason ?? et}`,
                        { reason, errorType: et, retryAfterMs, cause, attempts });
  }
}

export function modelOf(value) {
  const m = value?.model;
  return typeof m === 'string' ? m : '';
}

function isAsyncIterable(v) {
  return v != null && typeof v[Symbol.asyncIterator] === 'function';
}

/** Token usage from a chat/completions/embeddings/responses body. */
export function usageOf(value) {
  const u = value?.usage;
  if (u == null || typeof u !== 'object') return null;
  const input = u.prompt_tokens ?? u.input_tokens;
  const output = u.completion_tokens ?? u.output_tokens;
  if (input == null && output == null) return null;
  return { input: input ?? null, output: output ?? null };
}

const kEndpoints = [
  ['/chat/completions', 'chat', 'chat_completions'],
  ['/responses', 'chat', 'responses'],
  ['/embeddings', 'embeddings', null],
  ['/completions', 'text_completion', null],
];

/**
 * [operation name, openai.api.type] for a request path (§1.8 mapping): the
 * query is dropped, then the suffixes are tried in order.
 */
export function endpointOf(path) {
  let p = String(path);
  const q = p.indexOf('?');
  if (q >= 0) p = p.slice(0, q);
  for (const [suffix, op, apiType] of kEndpoints) {
    if (p.endsWith(suffix)) return [op, apiType];
  }
  return ['_OTHER', null];
}
