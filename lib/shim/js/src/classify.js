// Retry classification (SHIM_SPEC §1.2): one attempt's observation becomes a
// retry class (what the pipeline does next) and a breaker outcome (what the
// circuit breaker learns). Rows are checked top to bottom, as in the table.

import { getHeader, kDefaultMaxRetryAfterMs, retryAfterMs } from './retry_after.js';

export const RetryClass = Object.freeze({
  SUCCESS: 'success',
  RETRYABLE: 'retryable',
  FATAL: 'fatal',
});

export const BreakerOutcome = Object.freeze({
  SUCCESS: 'success',
  FAILURE: 'failure',
  IGNORED: 'ignored',
});

/**
 * Observation kinds. A `response` carries `status`, `headers` (Headers-like
 * or plain object) and optionally `body` (object or JSON text).
 */
export const ObservationKind = Object.freeze({
  RESPONSE: 'response',
  CONNECTION: 'connection_error',
  TIMEOUT: 'timeout',
  CANCELLED: 'cancelled',
  // Anything else a call can throw (a bug, a bad argument): never retried.
  OTHER: 'other',
});

const kNoOpts = Object.freeze({});
const kSuccess = Object.freeze({
  retryClass: RetryClass.SUCCESS,
  breakerOutcome: BreakerOutcome.SUCCESS,
  reason: null,
  retryReason: null,
  retryAfterMs: null,
  errorType: null,
});

function parseBody(body) {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function isInsufficientQuota(body) {
  const err = parseBody(body)?.error;
  if (err == null || typeof err !== 'object') return false;
  return err.code === 'insufficient_quota' || err.type === 'insufficient_quota';
}

function breakerOutcomeForStatus(status, breakerCounts429) {
  if (status < 400) return BreakerOutcome.SUCCESS;
  if (status === 408 || status >= 500) return BreakerOutcome.FAILURE;
  if (status === 429) {
    return breakerCounts429 ? BreakerOutcome.FAILURE : BreakerOutcome.IGNORED;
  }
  return BreakerOutcome.SUCCESS;
}

function retryReasonForStatus(status) {
  if (status >= 500) return 'status_5xx';
  return `status_${status}`;
}

/**
 * Returns {retryClass, breakerOutcome, reason, retryReason, retryAfterMs,
 * errorType}. `reason` names a FATAL give-up the pipeline must report
 * (`cancelled`, `retry_after_too_long`); `retryReason` labels
 * keyshift_retries_total; `retryAfterMs` is the honoured Retry-After or null.
 */
export function classify(obs, opts = kNoOpts) {
  // The hot path: a success needs no header parsing and no allocation.
  if (obs.kind === ObservationKind.RESPONSE && obs.status < 400) return kSuccess;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? kDefaultMaxRetryAfterMs;
  const breakerCounts429 = opts.breakerCounts429 ?? false;
  const out = {
    retryClass: RetryClass.FATAL,
    breakerOutcome: BreakerOutcome.IGNORED,
    reason: null,
    retryReason: null,
    retryAfterMs: null,
    errorType: '_OTHER',
  };
  switch (obs.kind) {
    case ObservationKind.CANCELLED:
      out.reason = 'cancelled';
      out.errorType = 'cancelled';
      return out;
    case ObservationKind.CONNECTION:
      out.retryClass = RetryClass.RETRYABLE;
      out.breakerOutcome = BreakerOutcome.FAILURE;
      out.retryReason = 'connection';
      out.errorType = 'connection_error';
      return out;
    case ObservationKind.TIMEOUT:
      out.retryClass = RetryClass.RETRYABLE;
      out.breakerOutcome = BreakerOutcome.FAILURE;
      out.retryReason = 'timeout';
      out.errorType = 'timeout';
      return out;
    case ObservationKind.OTHER:
      return out;
    case ObservationKind.RESPONSE:
      break;
    default:
      throw new TypeError(`classify: unknown observation kind '${obs.kind}'`);
  }

  const status = obs.status;
  const headers = obs.headers;
  out.breakerOutcome = breakerOutcomeForStatus(status, breakerCounts429);
  if (status < 400) {
    out.retryClass = RetryClass.SUCCESS;
    out.errorType = null;
    return out;
  }
  out.errorType = String(status);
  const ra = retryAfterMs(headers, opts.wallClock);
  if (ra !== null && ra > maxRetryAfterMs) {
    out.reason = 'retry_after_too_long';
    out.errorType = 'retry_after_too_long';
    return out;
  }
  out.retryAfterMs = ra;
  const shouldRetry = getHeader(headers, 'x-should-retry');
  if (shouldRetry === 'false') return out;
  if (shouldRetry === 'true') {
    out.retryClass = RetryClass.RETRYABLE;
    out.retryReason = 'x_should_retry';
    return out;
  }
  // Out of credit: retrying cannot help. The breaker outcome stays the
  // 429 row's, since quota says nothing about upstream health.
  if (status === 429 && isInsufficientQuota(obs.body)) return out;
  if (status === 408 || status === 409 || status === 429 || status >= 500) {
    out.retryClass = RetryClass.RETRYABLE;
    out.retryReason = retryReasonForStatus(status);
  }
  return out;
}

/**
 * The keyshift_attempts_total{outcome} label (and what the retry budget
 * consumes): the retry class, except that a cancelled attempt is `ignored`.
 */
export function attemptOutcome(cls) {
  if (cls.reason === 'cancelled') return 'ignored';
  return cls.retryClass;
}
