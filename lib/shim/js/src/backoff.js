// Exponential backoff without Retry-After (SHIM_SPEC §1.3). `full` jitter is
// the default; `openai` reproduces the SDKs' (0.75·ceil, ceil] window for
// parity. Exactly one RNG draw per computed delay.

export const BackoffMode = Object.freeze({ FULL: 'full', OPENAI: 'openai' });

export const kDefaultBaseMs = 500;
export const kDefaultCapMs = 8000;

/**
 * min(cap, base·2^n). Saturates instead of overflowing: once the product
 * passes the cap the cap wins, which is what int64 saturation gives in C++.
 */
export function backoffCeilMs(n, baseMs = kDefaultBaseMs, capMs = kDefaultCapMs) {
  if (baseMs <= 0) return 0;
  let ceil = baseMs;
  for (let i = 0; i < n; i++) {
    if (ceil >= capMs) return capMs;
    ceil *= 2;
  }
  return Math.min(capMs, ceil);
}

/** Delay in ms for retry number `n` (0 for the first retry), given draw `u`. */
export function backoffDelayMs(n, u, opts = {}) {
  const mode = opts.mode ?? BackoffMode.FULL;
  const ceil = backoffCeilMs(n, opts.baseMs ?? kDefaultBaseMs,
                             opts.capMs ?? kDefaultCapMs);
  if (mode === BackoffMode.OPENAI) return Math.floor(ceil * (1 - u / 4));
  if (mode === BackoffMode.FULL) return Math.floor(u * ceil);
  throw new TypeError(`backoff: unknown mode '${mode}'`);
}
