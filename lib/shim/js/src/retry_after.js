// Retry-After parsing (SHIM_SPEC §1.4): `retry-after-ms`, then `retry-after`
// as seconds, then as an IMF-fixdate. The numeric grammar is strict on purpose
// (openai-node's parseFloat accepts "3abc") so all three ports agree.

export const kDefaultMaxRetryAfterMs = 120000;

const kNumber = /^[0-9]+(\.[0-9]+)?$/;
const kImfFixdate =
    /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), ([0-9]{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([0-9]{4}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) GMT$/;
const kMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep',
                 'Oct', 'Nov', 'Dec'];

function trimSpaceTab(s) {
  let b = 0;
  let e = s.length;
  while (b < e && (s[b] === ' ' || s[b] === '\t')) b++;
  while (e > b && (s[e - 1] === ' ' || s[e - 1] === '\t')) e--;
  return s.slice(b, e);
}

/**
 * floor(value × unitMs) for a strictly formatted decimal, else null. Digits
 * too many for a double give +Infinity, which is over any cap.
 */
export function parseDecimalMs(raw, unitMs) {
  if (typeof raw !== 'string') return null;
  const s = trimSpaceTab(raw);
  if (!kNumber.test(s)) return null;
  return Math.floor(Number(s) * unitMs);
}

/**
 * Unix ms of an IMF-fixdate (RFC 9110 §5.6.7), or null if malformed. The day
 * name must be a valid one but is not checked against the date (the C++
 * reference's timegm does not either).
 */
export function parseImfFixdate(raw) {
  if (typeof raw !== 'string') return null;
  const m = kImfFixdate.exec(trimSpaceTab(raw));
  if (!m) return null;
  const day = Number(m[2]);
  const month = kMonths.indexOf(m[3]);
  const year = Number(m[4]);
  const hour = Number(m[5]);
  const minute = Number(m[6]);
  const second = Number(m[7]);
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  // Date.UTC treats years 0-99 as 1900+; setUTCFullYear does not.
  const d = new Date(Date.UTC(2000, month, day, hour, minute, second));
  d.setUTCFullYear(year, month, day);
  return d.getTime();
}

/** Reads one header from a Headers-like object, a Map or a plain object. */
export function getHeader(headers, name) {
  if (headers == null) return undefined;
  if (typeof headers.get === 'function') {
    const v = headers.get(name);
    return v == null ? undefined : String(v);
  }
  const lower = name.toLowerCase();
  for (const k of Object.keys(headers)) {
    if (k.toLowerCase() === lower) {
      const v = headers[k];
      if (Array.isArray(v)) return v.length ? String(v[0]) : undefined;
      return v == null ? undefined : String(v);
    }
  }
  return undefined;
}

/**
 * The Retry-After delay the headers ask for, in ms, or null when none is
 * usable. The first header that parses decides, even when its value is ≤ 0
 * (then null: computed backoff); an unparseable header is skipped. Values
 * above the cap are returned as-is; the caller turns them into
 * `retry_after_too_long`.
 */
export function retryAfterMs(headers, wallClock) {
  if (headers == null) return null;
  let v = parseDecimalMs(getHeader(headers, 'retry-after-ms'), 1);
  if (v === null) {
    const raw = getHeader(headers, 'retry-after');
    v = parseDecimalMs(raw, 1000);
    if (v === null) {
      const date = parseImfFixdate(raw);
      if (date !== null && wallClock) v = date - wallClock.nowUnixMs();
    }
  }
  return v !== null && v > 0 ? v : null;
}
