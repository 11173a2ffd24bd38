// Type declarations for keyshift-shim (ESM and CommonJS: the same API). The
// runtime lives in src/; see README.md for usage and docs/SHIM_SPEC.md in the
// keyshift repository for the behaviour.

export interface MonoClockLike { nowMs(): number; }
export interface WallClockLike { nowUnixMs(): number; }
export interface RngLike { nextUnit(): number; }
export interface SleeperLike { sleep(ms: number, signal?: AbortSignal): Promise<void>; }
export interface TimersLike {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export class MonoClock implements MonoClockLike { nowMs(): number; }
export class WallClock implements WallClockLike { nowUnixMs(): number; }
export class Rng implements RngLike { nextUnit(): number; }
export class Sleeper implements SleeperLike { sleep(ms: number, signal?: AbortSignal): Promise<void>; }

export type BackoffModeName = 'full' | 'openai';
export const BackoffMode: { readonly FULL: 'full'; readonly OPENAI: 'openai' };
export function backoffCeilMs(n: number, baseMs?: number, capMs?: number): number;
export function backoffDelayMs(n: number, u: number,
                               opts?: { mode?: BackoffModeName; baseMs?: number; capMs?: number }): number;

export type HeadersLike = { get(name: string): string | null } | Record<string, unknown>;
export function getHeader(headers: HeadersLike | null | undefined, name: string): string | undefined;
export function parseImfFixdate(raw: string): number | null;
export function retryAfterMs(headers: HeadersLike | null | undefined, wallClock?: WallClockLike): number | null;

export type RetryClassName = 'success' | 'retryable' | 'fatal';
export type BreakerOutcomeName = 'success' | 'failure' | 'ignored';
export type AttemptOutcomeName = RetryClassName | 'ignored';
export type Observation =
  | { kind: 'response'; status: number; headers?: HeadersLike; body?: unknown }
  | { kind: 'connection_error' | 'timeout' | 'cancelled' | 'other' };
export interface Classification {
  retryClass: RetryClassName;
  breakerOutcome: BreakerOutcomeName;
  reason: 'cancelled' | 'retry_after_too_long' | null;
  retryReason: string | null;
  retryAfterMs: number | null;
  errorType: string | null;
}
export const RetryClass: { readonly SUCCESS: 'success'; readonly RETRYABLE: 'retryable'; readonly FATAL: 'fatal' };
export const BreakerOutcome: { readonly SUCCESS: 'success'; readonly FAILURE: 'failure'; readonly IGNORED: 'ignored' };
export const ObservationKind: {
  readonly RESPONSE: 'response'; readonly CONNECTION: 'connection_error';
  readonly TIMEOUT: 'timeout'; readonly CANCELLED: 'cancelled'; readonly OTHER: 'other';
};
export function classify(obs: Observation, opts?: {
  maxRetryAfterMs?: number; breakerCounts429?: boolean; wallClock?: WallClockLike;
}): Classification;
export function attemptOutcome(cls: Classification): AttemptOutcomeName;

export class RetryBudget {
  constructor(opts?: { maxTokens?: number; tokenRatio?: number; tokenRatioMilli?: number });
  readonly milliTokens: number;
  record(outcome: AttemptOutcomeName): void;
  allowRetry(): boolean;
}

export type CircuitStateName = 'closed' | 'open' | 'half_open';
export const CircuitState: { readonly CLOSED: 'closed'; readonly OPEN: 'open'; readonly HALF_OPEN: 'half_open' };
export const kRejected: -1;
export interface BreakerOptions {
  windowSize?: number; minCalls?: number; failureRatePct?: number; consecutiveFailures?: number;
  openBaseMs?: number; openMaxMs?: number; probeTimeoutMs?: number;
}
export class CircuitBreaker {
  constructor(opts: BreakerOptions, clock: MonoClockLike,
              onTransition?: (from: CircuitStateName, to: CircuitStateName) => void);
  readonly state: CircuitStateName;
  readonly openUntilMs: number;
  readonly tripCount: number;
  readonly consecutiveFailures: number;
  readonly windowCalls: number;
  readonly windowFailures: number;
  /** Set when tryAcquire() rejects. */
  retryAfterMs: number;
  /** A permit (generation, ≥ 0) or kRejected. */
  tryAcquire(): number;
  isProbe(permit: number): boolean;
  record(outcome: BreakerOutcomeName, permit: number): void;
}

export interface LimiterOptions { maxInFlight?: number; maxQueue?: number; maxWaitMs?: number; }
export const AcquireResult: { readonly GRANTED: 'granted'; readonly QUEUED: 'queued'; readonly QUEUE_FULL: 'queue_full' };
export class LimiterCore {
  constructor(opts?: LimiterOptions);
  readonly inFlight: number;
  readonly queued: number;
  acquire<W extends { deadlineMs?: number }>(waiter: W, nowMs: number,
                                            callDeadlineMs?: number | null): 'granted' | 'queued' | 'queue_full';
  release<W>(): W | null;
  expire<W>(nowMs: number): W[];
  cancel<W>(waiter: W): boolean;
}
export type LimiterRejection = 'queue_full' | 'timeout' | 'cancelled';
export class Limiter {
  constructor(opts: LimiterOptions, clock: MonoClockLike, timers?: TimersLike);
  readonly inFlight: number;
  readonly queued: number;
  /** null = permit held; a string = rejected; a promise of either when queued. */
  acquire(callDeadlineMs: number | null, signal?: AbortSignal):
      null | LimiterRejection | Promise<null | LimiterRejection>;
  release(): void;
}

export type MetricType = 'counter' | 'gauge' | 'histogram';
export interface MetricDescriptor {
  name: string; otelName: string; type: MetricType; help: string;
  labels: readonly string[]; buckets: readonly number[] | null; le: readonly string[] | null;
}
export const kDescriptors: readonly MetricDescriptor[];
export const kFamilies: Readonly<Record<string, MetricDescriptor>>;
export const kDurationBuckets: readonly number[];
export const kTokenBuckets: readonly number[];
export interface SeriesSnapshot {
  labels: Record<string, string>;
  value?: number;
  count?: number;
  sum?: number;
  buckets?: { le: string; count: number }[];
}
export interface MetricsSnapshot {
  metrics: { name: string; otel_name?: string; type: MetricType; help: string; series: SeriesSnapshot[] }[];
}
export interface CounterHandle { inc(n?: number): void; set(v: number): void; readonly value: number; }
export interface HistogramHandle { observe(v: number): void; }
export class Metrics {
  counter(name: string, labels?: Record<string, string | number>): CounterHandle;
  gauge(name: string, labels?: Record<string, string | number>): CounterHandle;
  histogram(name: string, labels?: Record<string, string | number>): HistogramHandle;
  snapshot(): MetricsSnapshot;
  prometheusText(): string;
}
export function findSeries(snapshot: MetricsSnapshot, name: string,
                           labels: Record<string, string | number>): SeriesSnapshot | undefined;

export interface Policy {
  clock?: MonoClockLike; wallClock?: WallClockLike; rng?: RngLike; sleeper?: SleeperLike;
  timers?: TimersLike; metrics?: Metrics;
  maxRetries?: number;
  totalTimeoutMs?: number | null;
  backoffMode?: BackoffModeName; backoffBaseMs?: number; backoffCapMs?: number;
  maxRetryAfterMs?: number;
  breakerCounts429?: boolean;
  /** Per-attempt timeout, also a committed stream's idle timeout (default: the client's). */
  attemptTimeoutMs?: number | null;
  providerName?: string;
  breaker?: BreakerOptions;
  budget?: { maxTokens?: number; tokenRatio?: number; tokenRatioMilli?: number };
  limiter?: LimiterOptions;
  /** A concurrency cap across all keys (0 or absent: none). */
  globalMaxInFlight?: number;
}
export interface CallInfo {
  operationName?: string; apiType?: string | null; model?: string;
  serverAddress?: string; serverPort?: number; signal?: AbortSignal;
}
export interface AttemptResult<T> { obs: Observation; value?: T; error?: unknown; }
export class CallSite { readonly operationName: string; readonly apiType: string | null; }
export class ShimError extends Error {
  readonly reason: string | null;
  readonly errorType: string;
  readonly retryAfterMs: number | null;
  readonly attempts: number;
  /** The same as `reason` and `errorType`, under the names every failure has. */
  readonly keyshiftReason: string | null;
  readonly keyshiftErrorType: string;
}
export class Shim {
  constructor(policy?: Policy);
  readonly metrics: Metrics;
  readonly clock: MonoClockLike;
  site(call?: CallInfo): CallSite;
  /**
   * With `stream` set, a successful value that is async-iterable is a
   * committed stream: the attempt lasts until it ends (SHIM_SPEC §1.9).
   */
  execute<T>(attempt: (i: number, signal: AbortSignal | undefined, remainingMs: number | null) =>
                 Promise<AttemptResult<T>> | AttemptResult<T>,
             call?: CallInfo | CallSite, signal?: AbortSignal, maxRetries?: number,
             stream?: { idleTimeoutMs?: number | null } | null): Promise<T>;
  readonly maxRetries: number;
  readonly attemptTimeoutMs: number | null;
  readonly totalTimeoutMs: number | null;
  metricsSnapshot(): MetricsSnapshot;
  prometheusText(): string;
}
export function usageOf(value: unknown): { input: number | null; output: number | null } | null;
export function endpointOf(path: string): [string, string | null];
export function operationOf(path: string[]): [string, string | null];
export function serverOf(baseURL: string): [string, number];
export function observationFromError(err: unknown, signal?: AbortSignal): Observation;
export type StreamEndName = 'complete' | 'connection_error' | 'timeout' | 'error_event' | 'closed';
export function streamEndOfError(err: unknown, signal?: AbortSignal): StreamEndName;
export class StreamLease {
  instrument<S extends AsyncIterable<unknown>>(stream: S): S;
  end(how: StreamEndName): void;
}
/** True for SDK helpers that make their requests through the wrapped client. */
export function isHelper(name: string): boolean;
/** A policy from the shared config names (KEYSHIFT_SHIM_POLICY members). */
export function policyFromConfig(config: Record<string, unknown>, source?: string): Policy;
export function environmentPolicy(env?: Record<string, string | undefined>): Policy | null;
export function mergePolicy(base: Policy, over: Policy | null): Policy;
export function hasOneShotBody(body: unknown): boolean;

/** Extra members on the object wrap() returns. */
export interface Wrapped {
  readonly keyshiftShim: Shim;
  metrics(): MetricsSnapshot;
  prometheusText(): string;
}
export function wrap<C extends object>(client: C, policy?: Policy | Shim): C & Wrapped;
