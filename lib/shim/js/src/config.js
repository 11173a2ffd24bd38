// Policy from the shared configuration names (SHIM_SPEC §1.11): the
// conformance vectors' `config` members, which are also the members of the
// KEYSHIFT_SHIM_POLICY JSON object that lets an operator tune a migrated
// application without editing it. Members named there override the policy
// given in code.

// Config member -> [where in the Shim policy, option name].
const kMembers = Object.freeze({
  max_retries: ['policy', 'maxRetries'],
  backoff_mode: ['policy', 'backoffMode'],
  base_ms: ['policy', 'backoffBaseMs'],
  cap_ms: ['policy', 'backoffCapMs'],
  max_retry_after_ms: ['policy', 'maxRetryAfterMs'],
  total_timeout_ms: ['policy', 'totalTimeoutMs'],
  attempt_timeout_ms: ['policy', 'attemptTimeoutMs'],
  breaker_counts_429: ['policy', 'breakerCounts429'],
  provider_name: ['policy', 'providerName'],
  global_max_in_flight: ['policy', 'globalMaxInFlight'],
  budget_max_tokens: ['budget', 'maxTokens'],
  budget_token_ratio_milli: ['budget', 'tokenRatioMilli'],
  breaker_window_size: ['breaker', 'windowSize'],
  breaker_min_calls: ['breaker', 'minCalls'],
  breaker_failure_rate_pct: ['breaker', 'failureRatePct'],
  breaker_consecutive_failures: ['breaker', 'consecutiveFailures'],
  breaker_open_base_ms: ['breaker', 'openBaseMs'],
  breaker_open_max_ms: ['breaker', 'openMaxMs'],
  breaker_probe_timeout_ms: ['breaker', 'probeTimeoutMs'],
  limiter_max_in_flight: ['limiter', 'maxInFlight'],
  limiter_max_queue: ['limiter', 'maxQueue'],
  limiter_max_wait_ms: ['limiter', 'maxWaitMs'],
});

function checkType(source, name, value) {
  const ok = name === 'backoff_mode' ? value === 'full' || value === 'openai'
      : name === 'provider_name' ? typeof value === 'string'
      : name === 'breaker_counts_429' ? typeof value === 'boolean'
      : name === 'total_timeout_ms' ? value === null || Number.isInteger(value)
      : Number.isInteger(value);
  if (!ok) {
    throw new TypeError(`${source}: ${name}: wrong type or value ${JSON.stringify(value)}`);
  }
}

/**
 * A Shim policy ({maxRetries, …, budget: {}, breaker: {}, limiter: {}}) from
 * an object of config members; an unknown member or a bad value is a
 * TypeError naming `source`.
 */
export function policyFromConfig(config, source = 'config') {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new TypeError(`${source}: not a JSON object`);
  }
  const out = { budget: {}, breaker: {}, limiter: {} };
  for (const [name, value] of Object.entries(config)) {
    const m = kMembers[name];
    if (m === undefined) throw new TypeError(`${source}: unknown member '${name}'`);
    checkType(source, name, value);
    if (m[0] === 'policy') out[m[1]] = value;
    else out[m[0]][m[1]] = value;
  }
  return out;
}

/** The KEYSHIFT_SHIM_POLICY members as a policy, or null when unset. */
export function environmentPolicy(env = globalThis.process?.env) {
  const text = env?.KEYSHIFT_SHIM_POLICY;
  if (text === undefined || text === '') return null;
  let config;
  try {
    config = JSON.parse(text);
  } catch {
    throw new TypeError('KEYSHIFT_SHIM_POLICY: not a JSON object');
  }
  return policyFromConfig(config, 'KEYSHIFT_SHIM_POLICY');
}

/** `base` with the members of `over` on top (sub-objects merged). */
export function mergePolicy(base, over) {
  if (over === null) return base;
  return {
    ...base, ...over,
    budget: { ...base.budget, ...over.budget },
    breaker: { ...base.breaker, ...over.breaker },
    limiter: { ...base.limiter, ...over.limiter },
  };
}
