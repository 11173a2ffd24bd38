// wrap(client, policy): a Proxy over an OpenAI-style client whose API methods
// at any depth (client.chat.completions.create, client.embeddings.create, …)
// run through the shim pipeline. The SDK's own retries are switched off so a
// call is never retried twice over.

import { ObservationKind } from './classify.js';
import { endpointOf, Shim } from './shim.js';

// Client-level plumbing that is not an API call.
const kPassThrough = new Set([
  'constructor', 'withOptions', 'then', 'toJSON', 'toString', 'valueOf',
  'stream', 'runTools', 'on', 'off', 'once', 'emit', 'logger', 'fetch',
  'fetchOptions', 'defaultHeaders', 'defaultQuery',
]);

/**
 * Objects worth descending into: openai-node resources (they hold `_client`)
 * and plain objects (duck-typed clients). Arrays, Maps, Headers and other
 * class instances are data, not API namespaces.
 */
function isResource(v) {
  if ('_client' in v) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function protoNames(err) {
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
 * [operation name, openai.api.type] from an SDK resource path: the resource
 * path is the URL path (chat.completions.create -> /chat/completions).
 */
export function operationOf(path) {
  return endpointOf('/' + path.slice(0, -1).join('/'));
}

/** server.address and server.port from a base URL. */
export function serverOf(baseURL) {
  try {
    const u = new URL(String(baseURL));
    const port = u.port ? Number(u.port)
        : u.protocol === 'https:' ? 443 : u.protocol === 'http:' ? 80 : 0;
    return [u.hostname, port];
  } catch {
    return ['', 0];
  }
}

const kOk = Object.freeze({ kind: ObservationKind.RESPONSE, status: 200 });

function isThenable(x) {
  return x != null && typeof x.then === 'function';
}

/**
 * One attempt of an SDK call, as a promise of {obs, value, error}. Prefers
 * APIPromise.withResponse() so a success's status is seen, not just its
 * body. Chained with then() rather than written async: one promise fewer per
 * attempt on the hot path.
 */
function attemptCall(fn, self, args, signal, remainingMs, clientTimeoutMs) {
  let p;
  try {
    p = fn.apply(self, remainingMs == null ? args : withTimeout(args, remainingMs, clientTimeoutMs));
  } catch (err) {
    return { obs: observationFromError(err, signal), error: err };
  }
  if (!isThenable(p)) return { obs: kOk, value: p };
  const onError = (err) => ({ obs: observationFromError(err, signal), error: err });
  if (typeof p.withResponse === 'function') {
    // A success needs only its status; headers matter for errors, which the
    // SDK throws (and onError reads).
    return p.withResponse().then(({ data, response }) => {
      const status = response?.status ?? 200;
      return { obs: status === 200 ? kOk : { kind: ObservationKind.RESPONSE, status }, value: data };
    }, onError);
  }
  return p.then(okResult, onError);
}

/**
 * The request options with `timeout` no later than the total deadline, so
 * the deadline spans attempts (gRPC A6) even while one is in flight.
 */
function withTimeout(args, remainingMs, clientTimeoutMs) {
  const opts = args[1] ?? {};
  const current = opts.timeout ?? clientTimeoutMs ?? 600000;
  const out = [...args];
  while (out.length < 2) out.push(undefined);
  out[1] = { ...opts, timeout: Math.max(1, Math.min(current, remainingMs)) };
  return out;
}

function okResult(value) {
  return { obs: kOk, value };
}

/**
 * Feeds every chunk of a committed stream to `record` as the caller iterates.
 * The stream object is kept (its other methods still work); only its async
 * iterator is shadowed.
 */
function instrumentStream(stream, record) {
  const iter = stream?.[Symbol.asyncIterator];
  if (typeof iter !== 'function') return stream;
  const inner = iter.bind(stream);
  Object.defineProperty(stream, Symbol.asyncIterator, {
    configurable: true,
    value: async function* keyshiftChunks() {
      for await (const chunk of inner()) {
        record(chunk);
        yield chunk;
      }
    },
  });
  return stream;
}

/**
 * `for await (const item of client.models.list())` works on openai-node's
 * PagePromise; keep that working for wrapped list methods by delegating to
 * the first page's own (auto-paginating) iterator.
 */
function iterablePromise(p) {
  p[Symbol.asyncIterator] = async function* keyshiftPages() {
    const page = await p;
    if (page == null || typeof page[Symbol.asyncIterator] !== 'function') {
      throw new TypeError('keyshift shim: this list result is not async-iterable');
    }
    yield* page;
  };
  return p;
}

/**
 * True if the request body holds a stream that can be read only once (a web
 * ReadableStream or a Node Readable): such a request is never retried, as
 * openai-node's hasStreamingBody. Files from toFile() are re-readable.
 */
export function hasOneShotBody(body) {
  if (body === null || typeof body !== 'object') return false;
  for (const k in body) {
    const v = body[k];
    if (v === null || typeof v !== 'object') continue;
    if (typeof ReadableStream !== 'undefined' && v instanceof ReadableStream) return true;
    if (typeof v.pipe === 'function' && typeof v.read === 'function') return true;
  }
  return false;
}

function signalOf(args) {
  for (let i = args.length - 1; i >= 1; i--) {
    const s = args[i]?.signal;
    if (s != null) return s;
  }
  return undefined;
}

/**
 * Wraps `client`. `policy` is a Shim or the options for a new one (see
 * Shim). The returned proxy exposes the Shim as `keyshiftShim`, and
 * `metrics()` / `prometheusText()` on it read the Shim's metrics.
 */
export function wrap(client, policy = {}) {
  const shim = policy instanceof Shim ? policy : new Shim(policy);
  let base = client;
  if (typeof client?.withOptions === 'function') {
    base = client.withOptions({ maxRetries: 0 });
  } else if (client && typeof client === 'object') {
    client.maxRetries = 0;
  }
  const [address, port] = serverOf(base?.baseURL ?? '');
  const clientTimeoutMs = typeof base?.timeout === 'number' ? base.timeout : undefined;
  const proxies = new WeakMap();
  const methods = new WeakMap();

  function wrapMethod(fn, self, path) {
    let perSelf = methods.get(fn);
    if (perSelf === undefined) {
      perSelf = new WeakMap();
      methods.set(fn, perSelf);
    }
    let w = perSelf.get(self);
    if (w !== undefined) return w;
    const [operationName, apiType] = operationOf(path);
    const isList = path[path.length - 1].startsWith('list');
    // CallSites per request model, with a one-entry front cache: most code
    // calls one method with one model over and over.
    const sites = new Map();
    let lastModel = null;
    let lastSite = null;
    w = function keyshiftWrapped(...args) {
      const model = args[0]?.model ?? '';
      let site = lastSite;
      if (model !== lastModel) {
        site = sites.get(model);
        if (site === undefined) {
          site = shim.site({ operationName, apiType, model, serverAddress: address,
                             serverPort: port });
          sites.set(model, site);
        }
        lastModel = model;
        lastSite = site;
      }
      const signal = args.length > 1 ? signalOf(args) : undefined;
      const attempt = (_i, sig, remainingMs) =>
        attemptCall(fn, self, args, sig, remainingMs, clientTimeoutMs);
      const retries = hasOneShotBody(args[0]) ? 0 : shim.maxRetries;
      if (isList) return iterablePromise(shim.execute(attempt, site, signal, retries));
      if (args[0]?.stream !== true) return shim.execute(attempt, site, signal, retries);
      const start = shim.clock.nowMs();
      return shim.execute(attempt, site, signal, retries)
          .then((stream) => instrumentStream(stream, shim.streamRecorder(site, start)));
    };
    perSelf.set(self, w);
    return w;
  }

  function proxyFor(target, path) {
    let p = proxies.get(target);
    if (p !== undefined) return p;
    // prop -> [raw value, what we handed out]; revalidated against the raw
    // value on every access, so reassigned properties are picked up.
    const cache = new Map();
    p = new Proxy(target, {
      get(t, prop) {
        const v = Reflect.get(t, prop, t);
        const hit = cache.get(prop);
        if (hit !== undefined && hit[0] === v) return hit[1];
        if (path.length === 0) {
          if (prop === 'keyshiftShim') return shim;
          if (prop === 'metrics') return () => shim.metricsSnapshot();
          if (prop === 'prometheusText') return () => shim.prometheusText();
        }
        let out = v;
        if (typeof prop === 'symbol' || prop.startsWith('_') || kPassThrough.has(prop)) {
          out = typeof v === 'function' ? v.bind(t) : v;
        } else if (typeof v === 'function') {
          // Top-level client methods (get, post, buildURL…) are plumbing;
          // API calls live on resources.
          out = path.length === 0 ? v.bind(t) : wrapMethod(v, t, [...path, prop]);
        } else if (v !== null && typeof v === 'object' && !isThenable(v) && isResource(v)) {
          out = proxyFor(v, [...path, prop]);
        } else {
          return v;
        }
        cache.set(prop, [v, out]);
        return out;
      },
    });
    proxies.set(target, p);
    return p;
  }

  return proxyFor(base, []);
}
