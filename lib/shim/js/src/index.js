// keyshift-shim: retries, circuit breaking, concurrency limiting and GenAI
// metrics around OpenAI-style clients (SHIM_SPEC). `wrap(client, policy)` is
// the entry point; the building blocks are exported for other transports.

export { BackoffMode, backoffCeilMs, backoffDelayMs } from './backoff.js';
export { CircuitBreaker, CircuitState, kRejected } from './breaker.js';
export { RetryBudget } from './budget.js';
export { attemptOutcome, BreakerOutcome, classify, ObservationKind, RetryClass } from './classify.js';
export { MonoClock, Rng, Sleeper, WallClock } from './clock.js';
export { AcquireResult, Limiter, LimiterCore } from './limiter.js';
export { findSeries, kDescriptors, kDurationBuckets, kFamilies, kTokenBuckets, Metrics } from './metrics.js';
export { environmentPolicy, mergePolicy, policyFromConfig } from './config.js';
export { observationFromError, streamEndOfError } from './errors.js';
export { getHeader, parseImfFixdate, retryAfterMs } from './retry_after.js';
export { endpointOf, Shim, ShimError, usageOf } from './shim.js';
export { StreamLease } from './stream.js';
export { hasOneShotBody, isHelper, operationOf, serverOf, wrap } from './wrap.js';
