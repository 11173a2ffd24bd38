// What an SDK call or stream threw, as an observation (SHIM_SPEC §1.2) or a
// stream end (§1.9). Duck-typed on openai-node's error shapes: `status`,
// `headers` and `error` on API errors, class names for connection errors,
// timeouts and aborts, Node/undici error codes underneath.

import { ObservationKind } from './classify.js';

export function protoNames(err) {
  const names = [];
  if (typeof err?.name === 'string') names.push(err.name);
  for (let p = Object.getPrototypeOf(err); p && p !== Object.prototype;
       p = Object.getPrototypeOf(p)) {
    const n = p.constructor?.name;
    if (n) names.push(n);
  }
  return names;
}

const kConnectionCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Maps what an SDK call threw to an observation. openai-node errors carry
 * `status`, `headers` (Headers or plain object) and `error` (the body's
 * `error` member); connection failures are recognised by class name.
 */
export function observationFromError(err, signal) {
  const names = protoNames(err);
  if (signal?.aborted || names.includes('AbortError') ||
      names.includes('APIUserAbortError')) {
    return { kind: ObservationKind.CANCELLED };
  }
  if (typeof err?.status === 'number') {
    let body = err.body;
    if (body === undefined && err.error !== undefined) body = { error: err.error };
    return { kind: ObservationKind.RESPONSE, status: err.status, headers: err.headers, body };
  }
  if (names.includes('APIConnectionTimeoutError') || names.includes('TimeoutError') ||
      err?.code === 'ETIMEDOUT' || err?.code === 'UND_ERR_HEADERS_TIMEOUT') {
    return { kind: ObservationKind.TIMEOUT };
  }
  const code = err?.code ?? err?.cause?.code;
  if (names.includes('APIConnectionError') || kConnectionCodes.has(code)) {
    return { kind: ObservationKind.CONNECTION };
  }
  return { kind: ObservationKind.OTHER };
}


/**
 * How a committed stream ended, from what its iteration threw: the caller's
 * abort is `closed`, transport failures `connection_error` / `timeout`, and
 * anything the stream itself reported (an error event: openai-node raises an
 * APIError without a status; a malformed event) `error_event`.
 */
export function streamEndOfError(err, signal) {
  const obs = observationFromError(err, signal);
  switch (obs.kind) {
    case ObservationKind.CANCELLED: return 'closed';
    case ObservationKind.TIMEOUT: return 'timeout';
    case ObservationKind.CONNECTION: return 'connection_error';
    default: break;
  }
  // undici reports a body cut mid-way as TypeError('terminated') with the
  // socket error as its cause.
  if (err?.name === 'TypeError' && err?.message === 'terminated') return 'connection_error';
  const cause = err?.cause;
  if (cause != null && cause !== err && typeof cause === 'object') {
    const inner = observationFromError(cause, undefined).kind;
    if (inner === ObservationKind.CONNECTION) return 'connection_error';
    if (inner === ObservationKind.TIMEOUT) return 'timeout';
  }
  return 'error_event';
}
