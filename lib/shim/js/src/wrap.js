// wrap(client, policy): a Proxy over an OpenAI-style client whose API methods
// at any depth (client.chat.completions.create, client.embeddings.create, …)
// run through the shim pipeline, and whose helpers (chat.completions.stream,
// runTools, responses.stream, beta.threads.runs.stream, …AndPoll) run with
// the wrapped client, so every request they make is a wrapped call. The
// SDK's own retries are switched off so a call is never retried twice over.

import { ObservationKind } from './classify.js';
import { observationFromError } from './errors.js';
import { endpointOf, Shim } from './shim.js';

// Client-level plumbing that is not an API call.
const kPassThrough = new Set([
  'constructor', 'withOptions', 'then', 'toJSON', 'toString', 'valueOf',
  'on', 'off', 'once', 'emit', 'logger', 'fetch', 'fetchOptions', 'defaultHeaders',
  'defaultQuery',
]);

// Resource segments that are views of the same endpoint, not URL paths.
const kViews = new Set(['withRawResponse', 'withStreamingResponse']);

/**
 * SDK helpers: methods that make their requests through the client (or
 * their own resource) rather than being one request. They run with `this`
 * the wrapped resource, whose `_client` is the wrapped client.
 */
export function isHelper(name) {
  return name === 'stream' || name === 'runTools' || name === 'poll' ||
      name === 'waitForProcessing' || name.endsWith('Stream') || name.endsWith('Poll');
}

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

/**
 * [operation name, openai.api.type] from an SDK resource path: the resource
 * path is the URL path (chat.completions.create -> /chat/completions).
 */
export function operationOf(path) {
  return endpointOf('/' + path.slice(0, -1).filter((p) => !kViews.has(p)).join('/'));
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

function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function statusObs(status) {
  return status === 200 || status === undefined ? kOk
      : { kind: ObservationKind.RESPONSE, status };
}

/**
 * Where a method's request options go: after the body for `create(body,
 * options)`, after the id for `retrieve(id, options)` and after the params
 * for `create(threadId, params, options)`; -1 when the shape does not say
 * (the SDK's own timeout then applies).
 */
function optionsIndex(fn, args) {
  if (isPlainObject(args[0]) || args.length === 0) return 1;
  if (typeof args[0] !== 'string') return -1;
  if (fn.length >= 3) return 2;
  return fn.length === 2 ? 1 : -1;
}

/** The request options with `timeout` no later than `timeoutMs`. */
function withTimeout(args, index, timeoutMs, clientTimeoutMs) {
  const opts = args[index] ?? {};
  const current = opts.timeout ?? clientTimeoutMs ?? 600000;
  const out = [...args];
  while (out.length <= index) out.push(undefined);
  out[index] = { ...opts, timeout: Math.max(1, Math.min(current, timeoutMs)) };
  return out;
}

/**
 * One attempt of an SDK call, as a promise of {obs, value, error}. Prefers
 * APIPromise.withResponse() so a success's status and Response are seen, not
 * just its body; in 'raw' mode (asResponse()) the Response itself is the
 * value. Chained with then() rather than written async: one promise fewer
 * per attempt on the hot path.
 */
function attemptOf(p, signal, mode, sink) {
  if (!isThenable(p)) return { obs: kOk, value: p };
  const onError = (err) => ({ obs: observationFromError(err, signal), error: err });
  if (mode === 'raw' && typeof p.asResponse === 'function') {
    return p.asResponse().then((response) => {
      sink.response = response;
      return { obs: statusObs(response?.status), value: response };
    }, onError);
  }
  if (typeof p.withResponse === 'function') {
    return p.withResponse().then(({ data, response }) => {
      sink.response = response;
      return { obs: statusObs(response?.status), value: data };
    }, onError);
  }
  return p.then((value) => ({ obs: kOk, value }), onError);
}

/**
 * The promise a wrapped call returns: APIPromise's surface on a real
 * Promise. The pipeline starts on the next microtask, so `.asResponse()`
 * called right away (the usual `await call().asResponse()`) can choose the
 * raw mode; `.withResponse()` gives {data, response, request_id}.
 */
class ShimPromise extends Promise {
  static get [Symbol.species]() {
    return Promise;
  }
}

function noop() {}

function callPromise(start) {
  let started = null;
  const run = (mode) => (started ??= start(mode));
  let resolve;
  let reject;
  const out = new ShimPromise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Callers that only use withResponse()/asResponse() must not see an
  // unhandled rejection from this promise.
  out.catch(noop);
  queueMicrotask(() => run('parse').then((r) => resolve(r.value), reject));
  out.withResponse = () => run('parse').then((r) => ({
    data: r.value,
    response: r.response,
    request_id: r.response?.headers?.get?.('x-request-id') ?? null,
  }));
  out.asResponse = () => run('raw').then((r) => r.response ?? r.value);
  return out;
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

/** The request body: the first plain-object argument. */
function bodyOf(args) {
  for (const a of args) if (isPlainObject(a)) return a;
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
  // The per-attempt timeout, also a committed stream's idle timeout.
  const attemptTimeoutMs = shim.attemptTimeoutMs ?? clientTimeoutMs ?? 600000;
  const proxies = new WeakMap();
  const methods = new WeakMap();
  let root = null;

  /**
   * One pipeline call around `invoke(signal, timeoutMs, mode, sink)`, which
   * performs one attempt and returns the SDK's promise.
   */
  function pipelineCall(invoke, site, signal, retries, isStream, isList) {
    const streamOpts = isStream ? { idleTimeoutMs: attemptTimeoutMs } : null;
    return callPromise((mode) => {
      const sink = { response: null };
      const attempt = (_i, sig, remainingMs) => {
        const t = remainingMs == null ? shim.attemptTimeoutMs
            : Math.min(remainingMs, shim.attemptTimeoutMs ?? Infinity);
        let p;
        try {
          p = invoke(sig, t ?? null, mode);
        } catch (err) {
          return { obs: observationFromError(err, sig), error: err };
        }
        return attemptOf(p, sig, mode, sink);
      };
      return shim.execute(attempt, site, signal, retries, mode === 'parse' ? streamOpts : null)
          .then((value) => ({
            value: isList ? pagesThrough(value, site, signal) : value,
            response: sink.response,
          }));
    });
  }

  /** Later pages of a list are fetched through the pipeline too. */
  function pagesThrough(page, site, signal) {
    const next = page?.getNextPage;
    if (typeof next !== 'function' || Object.hasOwn(page, 'getNextPage')) return page;
    page.getNextPage = function keyshiftNextPage() {
      return pipelineCall(() => next.call(page), site, signal, shim.maxRetries, false, true);
    };
    return page;
  }

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
      const body = bodyOf(args);
      const model = typeof body?.model === 'string' ? body.model : '';
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
      const at = optionsIndex(fn, args);
      const invoke = (_sig, timeoutMs) => fn.apply(self, timeoutMs == null || at < 0
          ? args : withTimeout(args, at, timeoutMs, clientTimeoutMs));
      const retries = hasOneShotBody(body) ? 0 : shim.maxRetries;
      const p = pipelineCall(invoke, site, signal, retries, body?.stream === true, isList);
      if (isList) {
        // `for await (const item of client.models.list())`, as on PagePromise.
        p[Symbol.asyncIterator] = async function* keyshiftItems() {
          const page = await p;
          if (page == null || typeof page[Symbol.asyncIterator] !== 'function') {
            throw new TypeError('keyshift shim: this list result is not async-iterable');
          }
          yield* page;
        };
      }
      return p;
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
        // Helpers bound to a wrapped resource reach the wrapped client here.
        if (prop === '_client' && path.length > 0) return root;
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
          if (path.length === 0) out = v.bind(t);
          else if (isHelper(prop)) out = v.bind(p);
          else out = wrapMethod(v, t, [...path, prop]);
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

  root = proxyFor(base, []);
  return root;
}
