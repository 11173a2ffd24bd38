"""The per-call pipeline: limiter -> breaker -> attempt -> classify -> retry (SHIM_SPEC 1.1).

Shim holds the per-key state (breaker, budget, limiters, pre-resolved metric
series) and runs calls through it, synchronously or as coroutines. run() and
run_async() report what happened as a value; call() and call_async() return
the upstream value or raise what ended the call: the upstream exception
itself, or a ShimError when the shim refused the call.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from typing import Any, Callable

from .backoff import backoff_ms
from .breaker import STATE_GAUGE, CircuitBreaker
from .budget import RetryBudget
from .classify import FATAL, SUCCESS, Classification, Observation, classify, observation_from_exception
from .clock import AsyncioSleeper, SystemMonoClock, SystemRng, SystemSleeper, SystemWallClock
from .errors import CircuitOpenError, ConcurrencyLimitError, annotate
from .limiter import AsyncLimiter, Limiter
from .metrics import MetricsRegistry
from .policy import Policy, environment_policy
from .stream import StreamLease

__all__ = ["CallReport", "KeyState", "Shim", "ResultInfo", "annotate", "default_result_info", "unwrap_report"]

_SUCCESS_CLASS = Classification(SUCCESS, SUCCESS, None, None)

# Give-up reason -> error.type of the duration metric; max_retries reports the
# last attempt's own error type instead (SHIM_SPEC 1.1).
_GIVEUP_ERROR_TYPE = {
    "retry_budget": "retry_budget",
    "retry_after_too_long": "retry_after_too_long",
    "deadline": "timeout",
}

# What a successful call's value says for the metrics:
# (response model, input tokens, output tokens), each possibly None.
ResultInfo = Callable[[Any], "tuple[str | None, int | None, int | None]"]


class CallReport:
    """What one logical call did; the conformance vectors compare these fields.

    A plain slotted class rather than a dataclass: one is built per call.
    """

    __slots__ = ("result", "give_up_reason", "error_type", "status", "attempts", "sleeps", "value", "exception",
                 "retry_after_ms")  # fmt: skip

    def __init__(self) -> None:
        self.result = "success"  # success | failure
        self.give_up_reason: str | None = None  # max_retries | retry_budget | retry_after_too_long | deadline
        self.error_type: str | None = None
        self.status: int | None = None  # status of the last response seen
        self.attempts = 0
        self.sleeps: list[int] = []
        self.value: Any = None
        self.exception: BaseException | None = None
        self.retry_after_ms: int | None = None  # of a circuit_open rejection

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"CallReport({fields})"


def default_result_info(value: Any) -> tuple[str | None, int | None, int | None]:
    """Response model and token usage of an OpenAI-style response object or dict."""
    if type(value) is dict:
        model, usage = value.get("model"), value.get("usage")
    else:
        model, usage = getattr(value, "model", None), getattr(value, "usage", None)
    if type(model) is not str:
        model = None
    if usage is None:
        return model, None, None
    if type(usage) is dict:
        prompt, completion = usage.get("prompt_tokens"), usage.get("completion_tokens")
        if prompt is None:
            prompt = usage.get("input_tokens")
        if completion is None:
            completion = usage.get("output_tokens")
    else:
        prompt, completion = getattr(usage, "prompt_tokens", None), getattr(usage, "completion_tokens", None)
        if prompt is None:
            prompt = getattr(usage, "input_tokens", None)
        if completion is None:
            completion = getattr(usage, "output_tokens", None)
    # type() rather than isinstance: bool is an int, and mocks are not counts.
    return model, prompt if type(prompt) is int else None, completion if type(completion) is int else None


class KeyState:
    """Everything the shim keeps per (server.address, server.port, request model)."""

    def __init__(self, shim: "Shim", address: str, port: int | str, model: str) -> None:
        policy = shim.policy
        metrics = shim.metrics
        self.address = address
        self.port = "" if port is None else str(port)
        self.model = model
        self.name = f"{address}:{self.port}/{model}" if self.port else f"{address}/{model}"
        key = {"server_address": address, "gen_ai_request_model": model}
        self.key_labels = key
        self._metrics = metrics
        # One lock for all of this key's bookkeeping: breaker, budget, limiter
        # and metric series (MetricsRegistry.key_lock), taken twice per attempt.
        self.lock = metrics.key_lock(address, model)
        self._provider = policy.provider_name
        self._state_gauge = metrics.gauge("keyshift_circuit_state", key)
        self._state_gauge.set(0.0)
        self._transitions: dict[tuple[str, str], Any] = {}
        self.breaker = CircuitBreaker(
            window_size=policy.breaker_window_size,
            min_calls=policy.breaker_min_calls,
            failure_rate_pct=policy.breaker_failure_rate_pct,
            consecutive_failures=policy.breaker_consecutive_failures,
            open_base_ms=policy.breaker_open_base_ms,
            open_max_ms=policy.breaker_open_max_ms,
            probe_timeout_ms=policy.breaker_probe_timeout_ms,
            clock=shim.mono_clock,
            on_transition=self._on_transition,
            lock=self.lock,
        )
        self.budget = RetryBudget(policy.budget_max_tokens, policy.budget_token_ratio_milli, self.lock)
        limiter_args = (policy.limiter_max_in_flight, policy.limiter_max_queue, policy.limiter_max_wait_ms)
        self.limiter = Limiter(*limiter_args, clock=shim.mono_clock, lock=self.lock)
        self.async_limiter = AsyncLimiter(*limiter_args, clock=shim.mono_clock, lock=self.lock)
        self.attempts = {
            outcome: metrics.counter("keyshift_attempts_total", {**key, "outcome": outcome})
            for outcome in ("success", "retryable", "fatal", "ignored")
        }
        self.rejections = metrics.counter("keyshift_circuit_rejections_total", key)
        self.inflight = metrics.gauge("keyshift_inflight_requests", key)
        self.queue_wait = metrics.histogram("keyshift_queue_wait_seconds", key)
        self.budget_tokens = metrics.gauge("keyshift_retry_budget_tokens", key)
        self.budget_tokens.set(self.budget.tokens_milli / 1000.0)
        self._reasons: dict[tuple[str, str], Any] = {}
        self._durations: dict[tuple, Any] = {}
        self._tokens: dict[tuple, Any] = {}
        self._ttfc: dict[tuple, Any] = {}

    def reason_counter(self, name: str, reason: str) -> Any:
        counter = self._reasons.get((name, reason))
        if counter is None:
            counter = self._metrics.counter(name, {**self.key_labels, "reason": reason})
            self._reasons[(name, reason)] = counter
        return counter

    def _on_transition(self, before: str, after: str) -> None:
        # Runs with self.lock held (breaker contract), which guards these series too.
        counter = self._transitions.get((before, after))
        if counter is None:
            labels = {**self.key_labels, "from": before, "to": after}
            counter = self._metrics.counter("keyshift_circuit_transitions_total", labels)
            self._transitions[(before, after)] = counter
        counter.inc_locked()
        self._state_gauge.value = float(STATE_GAUGE[after])

    def _genai_labels(self, operation: str, api_type: str | None, response_model: str | None) -> dict[str, Any]:
        return {
            "gen_ai_operation_name": operation,
            "gen_ai_provider_name": self._provider,
            "gen_ai_request_model": self.model,
            "gen_ai_response_model": response_model,
            "server_address": self.address,
            "server_port": self.port,
            "openai_api_type": api_type,
        }

    def duration(self, operation: str, api_type: str | None, response_model: str | None, error_type: str | None) -> Any:
        cache_key = (operation, api_type, response_model, error_type)
        series = self._durations.get(cache_key)
        if series is None:
            labels = self._genai_labels(operation, api_type, response_model)
            labels["error_type"] = error_type
            series = self._metrics.histogram("gen_ai_client_operation_duration_seconds", labels)
            self._durations[cache_key] = series
        return series

    def ttfc(self, operation: str, api_type: str | None, response_model: str | None) -> Any:
        """gen_ai_client_operation_time_to_first_chunk_seconds of a stream (1.9)."""
        cache_key = (operation, api_type, response_model)
        series = self._ttfc.get(cache_key)
        if series is None:
            labels = self._genai_labels(operation, api_type, response_model)
            series = self._metrics.histogram("gen_ai_client_operation_time_to_first_chunk_seconds", labels)
            self._ttfc[cache_key] = series
        return series

    def tokens(self, operation: str, api_type: str | None, response_model: str | None, token_type: str) -> Any:
        cache_key = (operation, api_type, response_model, token_type)
        series = self._tokens.get(cache_key)
        if series is None:
            labels = self._genai_labels(operation, api_type, response_model)
            labels["gen_ai_token_type"] = token_type
            series = self._metrics.histogram("gen_ai_client_token_usage", labels)
            self._tokens[cache_key] = series
        return series


class Shim:
    """A policy plus its runtime state; share one per process or per upstream."""

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        mono_clock: Any = None,
        wall_clock: Any = None,
        rng: Any = None,
        sleeper: Any = None,
        async_sleeper: Any = None,
        metrics: MetricsRegistry | None = None,
        **policy_kwargs: Any,
    ) -> None:
        # KEYSHIFT_SHIM_POLICY members win over the code's (SHIM_SPEC 1.11).
        self.policy = environment_policy(Policy.from_kwargs(policy, **policy_kwargs))
        self.mono_clock = mono_clock or SystemMonoClock()
        self.wall_clock = wall_clock or SystemWallClock()
        self.rng = rng or SystemRng()
        self.sleeper = sleeper or SystemSleeper()
        self.async_sleeper = async_sleeper or AsyncioSleeper()
        self.metrics = metrics if metrics is not None else MetricsRegistry()
        self._lock = threading.Lock()
        self._keys: dict[tuple, KeyState] = {}
        policy = self.policy
        cap = policy.global_max_in_flight
        args = (cap, policy.limiter_max_queue, policy.limiter_max_wait_ms)
        self._global_limiter = Limiter(*args, clock=self.mono_clock) if cap else None
        self._global_async_limiter = AsyncLimiter(*args, clock=self.mono_clock) if cap else None

    def key_state(self, address: str = "", port: int | str = "", model: str = "") -> KeyState:
        key = (address, port, model)
        state = self._keys.get(key)
        if state is None:
            with self._lock:
                state = self._keys.get(key)
                if state is None:
                    state = KeyState(self, address, port, model)
                    self._keys[key] = state
        return state

    # -- steps shared by the sync and async loops ---------------------------

    def _classify(self, obs: Observation) -> Classification:
        policy = self.policy
        return classify(obs, None, policy.max_retry_after_ms, policy.breaker_counts_429, self.wall_clock)

    def _record_attempt(
        self, ks: KeyState, limiter: Any, ticket: Any, cls: Classification, report: CallReport, start: int,
        operation: str, api_type: str | None, info: ResultInfo | None,
    ) -> Any:  # fmt: skip
        """Everything an attempt's end changes, under one acquisition of the key lock.

        A success also ends the call, so its duration and token usage are
        recorded here too. Returns what the limiter needs woken afterwards.
        """
        if cls is _SUCCESS_CLASS:
            # The hot path, kept free of avoidable calls: bookkeeping and the
            # call's metrics under one lock, histogram updates inlined.
            model, prompt, completion = (info or default_result_info)(report.value)
            duration = ks.duration(operation, api_type, model, None)
            inputs = ks.tokens(operation, api_type, model, "input") if prompt is not None else None
            outputs = ks.tokens(operation, api_type, model, "output") if completion is not None else None
            elapsed_s = (self.mono_clock.now_ms() - start) / 1000.0
            with ks.lock:
                ks.inflight.value -= 1
                released = limiter.release_locked() if limiter.core.queue else limiter.release_fast_locked()
                ks.breaker.record_locked(ticket, SUCCESS)
                ks.budget_tokens.value = ks.budget.record_locked(SUCCESS) / 1000.0
                ks.attempts[SUCCESS].value += 1
                duration.counts[bisect_left(duration.bounds, elapsed_s)] += 1
                duration.sum += elapsed_s
                duration.count += 1
                if inputs is not None:
                    inputs.counts[bisect_left(inputs.bounds, prompt)] += 1
                    inputs.sum += prompt
                    inputs.count += 1
                if outputs is not None:
                    outputs.counts[bisect_left(outputs.bounds, completion)] += 1
                    outputs.sum += completion
                    outputs.count += 1
            return released
        outcome = cls.attempt_outcome
        if cls.retry_class == SUCCESS:
            model, prompt, completion = (info or default_result_info)(report.value)
            duration = ks.duration(operation, api_type, model, None)
            elapsed_s = (self.mono_clock.now_ms() - start) / 1000.0
            with ks.lock:
                ks.inflight.value -= 1
                released = limiter.release_locked()
                ks.breaker.record_locked(ticket, cls.breaker_outcome)
                ks.budget_tokens.value = ks.budget.record_locked(outcome) / 1000.0
                ks.attempts[outcome].value += 1
                duration.observe_locked(elapsed_s)
            if prompt is not None:
                ks.tokens(operation, api_type, model, "input").observe(prompt)
            if completion is not None:
                ks.tokens(operation, api_type, model, "output").observe(completion)
            return released
        with ks.lock:
            ks.inflight.value -= 1
            released = limiter.release_locked()
            ks.breaker.record_locked(ticket, cls.breaker_outcome)
            ks.budget_tokens.value = ks.budget.record_locked(outcome) / 1000.0
            ks.attempts[outcome].value += 1
        return released

    def _decide(self, ks: KeyState, report: CallReport, cls: Classification, attempt_index: int,
                deadline: int | None) -> int | None:  # fmt: skip
        """After a recorded attempt: None ends the call (report filled in), else the delay to sleep."""
        retry_class = cls.retry_class
        if retry_class == SUCCESS:
            report.result = "success"
            return None
        report.result = "failure"
        if retry_class == FATAL:
            if cls.reason == "retry_after_too_long":
                return self._give_up(ks, report, cls, "retry_after_too_long")
            report.error_type = cls.error_type
            return None
        policy = self.policy
        if attempt_index >= policy.max_retries:
            return self._give_up(ks, report, cls, "max_retries")
        if cls.retry_after.kind == "delay":
            delay = cls.retry_after.ms
        else:
            # The draw comes before the give-up checks (SHIM_SPEC 1.1).
            delay = backoff_ms(attempt_index, self.rng.next_unit(), policy.base_ms, policy.cap_ms, policy.backoff_mode)
        if not ks.budget.allow_retry():
            return self._give_up(ks, report, cls, "retry_budget")
        if deadline is not None and self.mono_clock.now_ms() + delay >= deadline:
            return self._give_up(ks, report, cls, "deadline")
        ks.reason_counter("keyshift_retries_total", cls.reason or "_OTHER").inc()
        report.sleeps.append(delay)
        return delay

    def _give_up(self, ks: KeyState, report: CallReport, cls: Classification, reason: str) -> None:
        ks.reason_counter("keyshift_retry_giveups_total", reason).inc()
        report.give_up_reason = reason
        report.error_type = _GIVEUP_ERROR_TYPE.get(reason, cls.error_type)
        return None

    def _reject_circuit(self, ks: KeyState, report: CallReport, ticket: Any) -> None:
        ks.rejections.inc()
        report.result = "failure"
        report.error_type = "circuit_open"
        report.retry_after_ms = ticket.retry_after_ms
        report.value = None
        report.exception = CircuitOpenError(ks.name, ticket.retry_after_ms)

    def _reject_concurrency(self, ks: KeyState, report: CallReport, error: ConcurrencyLimitError) -> None:
        ks.reason_counter("keyshift_concurrency_rejections_total", error.reason).inc()
        report.result = "failure"
        report.error_type = "concurrency_limit"
        report.value = None
        report.exception = ConcurrencyLimitError(error.reason, ks.name)

    def _finish_failure(self, ks: KeyState, report: CallReport, start: int, operation: str,
                        api_type: str | None) -> CallReport:  # fmt: skip
        elapsed_s = (self.mono_clock.now_ms() - start) / 1000.0
        ks.duration(operation, api_type, None, report.error_type).observe(elapsed_s)
        return report

    def _admitted(self, ks: KeyState, limiter: Any, wait_ms: int | None) -> None:
        """Book a granted permit; wait_ms None means granted at once (already under the lock)."""
        if wait_ms is not None:
            with ks.lock:
                ks.queue_wait.observe_locked(wait_ms / 1000.0)
                ks.inflight.value += 1

    def _reject_after_permit(self, ks: KeyState, limiter: Any, global_limiter: Any) -> None:
        if global_limiter is not None:
            global_limiter.release()
        with ks.lock:
            ks.inflight.value -= 1
            released = limiter.release_locked()
        limiter.wake(released)

    def _attempt_timeout(self, deadline: int | None) -> int | None:
        """The timeout of the attempt about to start, in ms (None: the transport's own)."""
        timeout = self.policy.attempt_timeout_ms
        if deadline is not None:
            left = max(1, deadline - self.mono_clock.now_ms())
            timeout = left if timeout is None else min(timeout, left)
        return timeout

    def _commit(self, report: CallReport, ks: KeyState, limiter: Any, global_limiter: Any, ticket: Any,
                start: int, deadline: int | None, operation: str, api_type: str | None, info: ResultInfo | None,
                is_async: bool) -> CallReport:  # fmt: skip
        """A streaming call's 2xx arrived: hand over the stream, keep the attempt open (1.9)."""
        # Events are SDK chunk objects (or dicts), whatever `info` reads from a unary value.
        lease = StreamLease(self, ks, limiter, global_limiter, ticket, start, deadline, operation, api_type,
                            default_result_info)  # fmt: skip
        report.result = "success"
        report.value = lease.wrap(report.value, is_async)
        return report

    # -- synchronous --------------------------------------------------------

    def run(
        self,
        attempt: Callable[[], Any],
        ks: KeyState,
        operation: str = "chat",
        api_type: str | None = None,
        observe: Callable[[Any], Observation | None] | None = None,
        info: ResultInfo | None = None,
        stream: bool = False,
        timed: bool = False,
    ) -> CallReport:
        """Run one logical call and report it; upstream failures are not raised.

        attempt() returns a value or raises. observe(value), if given, turns a
        returned value into an Observation (None = success), for transports
        that return error responses instead of raising. info(value) gives the
        response model and token usage of a success (default_result_info).

        With stream=True a successful value is a stream: the call commits
        there and report.value is the stream wrapped so that its end closes
        the attempt (SHIM_SPEC 1.9). With timed=True, attempt is called with
        the attempt's timeout in ms (the policy's attempt_timeout_ms and the
        time left before the deadline, None when neither applies).
        """
        start = self.mono_clock.now_ms()
        total = self.policy.total_timeout_ms
        deadline = start + total if total is not None else None
        report = CallReport()
        limiter, global_limiter, breaker, lock = ks.limiter, self._global_limiter, ks.breaker, ks.lock
        queue_wait, inflight = ks.queue_wait, ks.inflight
        attempt_index = 0
        while True:
            with lock:
                granted = limiter.try_acquire_locked()
                if granted:
                    # queue_wait.observe_locked(0.0), inlined: 0 s is the first bucket.
                    queue_wait.counts[0] += 1
                    queue_wait.count += 1
                    inflight.value += 1
            if not granted:
                try:
                    self._admitted(ks, limiter, limiter.acquire(deadline))
                except ConcurrencyLimitError as error:
                    self._reject_concurrency(ks, report, error)
                    return self._finish_failure(ks, report, start, operation, api_type)
            if global_limiter is not None and not global_limiter.try_acquire_fast():
                try:
                    global_limiter.acquire(deadline)
                except ConcurrencyLimitError as error:
                    self._reject_after_permit(ks, limiter, None)
                    self._reject_concurrency(ks, report, error)
                    return self._finish_failure(ks, report, start, operation, api_type)
            ticket = breaker.try_acquire()
            if not ticket.admitted:
                self._reject_after_permit(ks, limiter, global_limiter)
                self._reject_circuit(ks, report, ticket)
                return self._finish_failure(ks, report, start, operation, api_type)
            report.attempts += 1
            try:
                value = attempt(self._attempt_timeout(deadline)) if timed else attempt()
                report.value, report.exception = value, None
                obs = observe(value) if observe is not None else None
            except BaseException as exc:  # noqa: BLE001 - classified here, re-raised by call()
                report.value, report.exception = None, exc
                obs = observation_from_exception(exc)
            if obs is None:
                cls = _SUCCESS_CLASS
            else:
                cls = self._classify(obs)
                report.status = obs.status
            if stream and cls.retry_class == SUCCESS and report.exception is None:
                return self._commit(report, ks, limiter, global_limiter, ticket, start, deadline, operation,
                                    api_type, info, False)  # fmt: skip
            if global_limiter is not None:
                global_limiter.release()
            released = self._record_attempt(ks, limiter, ticket, cls, report, start, operation, api_type, info)
            if released is not None:
                limiter.wake(released)
            if cls is _SUCCESS_CLASS:
                report.result = "success"
                return report
            delay = self._decide(ks, report, cls, attempt_index, deadline)
            if delay is None:
                if report.result == "success":
                    return report
                return self._finish_failure(ks, report, start, operation, api_type)
            self.sleeper.sleep(delay)
            attempt_index += 1

    def call(
        self,
        attempt: Callable[[], Any],
        ks: KeyState,
        operation: str = "chat",
        api_type: str | None = None,
        observe: Callable[[Any], Observation | None] | None = None,
        info: ResultInfo | None = None,
        stream: bool = False,
        timed: bool = False,
    ) -> Any:
        """Run one logical call and return its value, or raise what ended it."""
        return unwrap_report(self.run(attempt, ks, operation, api_type, observe, info, stream, timed))

    # -- asyncio ------------------------------------------------------------

    async def run_async(
        self,
        attempt: Callable[[], Any],
        ks: KeyState,
        operation: str = "chat",
        api_type: str | None = None,
        observe: Callable[[Any], Observation | None] | None = None,
        info: ResultInfo | None = None,
        stream: bool = False,
        timed: bool = False,
    ) -> CallReport:
        """run() for an `attempt` returning an awaitable; sleeps through the async sleeper."""
        start = self.mono_clock.now_ms()
        total = self.policy.total_timeout_ms
        deadline = start + total if total is not None else None
        report = CallReport()
        limiter, global_limiter, breaker, lock = ks.async_limiter, self._global_async_limiter, ks.breaker, ks.lock
        queue_wait, inflight = ks.queue_wait, ks.inflight
        attempt_index = 0
        while True:
            with lock:
                granted = limiter.try_acquire_locked()
                if granted:
                    # queue_wait.observe_locked(0.0), inlined: 0 s is the first bucket.
                    queue_wait.counts[0] += 1
                    queue_wait.count += 1
                    inflight.value += 1
            if not granted:
                try:
                    self._admitted(ks, limiter, await limiter.acquire(deadline))
                except ConcurrencyLimitError as error:
                    self._reject_concurrency(ks, report, error)
                    return self._finish_failure(ks, report, start, operation, api_type)
            if global_limiter is not None and not global_limiter.try_acquire_fast():
                try:
                    await global_limiter.acquire(deadline)
                except BaseException as error:
                    self._reject_after_permit(ks, limiter, None)
                    if not isinstance(error, ConcurrencyLimitError):
                        raise
                    self._reject_concurrency(ks, report, error)
                    return self._finish_failure(ks, report, start, operation, api_type)
            ticket = breaker.try_acquire()
            if not ticket.admitted:
                self._reject_after_permit(ks, limiter, global_limiter)
                self._reject_circuit(ks, report, ticket)
                return self._finish_failure(ks, report, start, operation, api_type)
            report.attempts += 1
            try:
                value = await (attempt(self._attempt_timeout(deadline)) if timed else attempt())
                report.value, report.exception = value, None
                obs = observe(value) if observe is not None else None
            except BaseException as exc:  # noqa: BLE001 - classified here, re-raised by call_async()
                report.value, report.exception = None, exc
                obs = observation_from_exception(exc)
            if obs is None:
                cls = _SUCCESS_CLASS
            else:
                cls = self._classify(obs)
                report.status = obs.status
            if stream and cls.retry_class == SUCCESS and report.exception is None:
                return self._commit(report, ks, limiter, global_limiter, ticket, start, deadline, operation,
                                    api_type, info, True)  # fmt: skip
            if global_limiter is not None:
                global_limiter.release()
            released = self._record_attempt(ks, limiter, ticket, cls, report, start, operation, api_type, info)
            if released is not None:
                limiter.wake(released)
            if cls is _SUCCESS_CLASS:
                report.result = "success"
                return report
            delay = self._decide(ks, report, cls, attempt_index, deadline)
            if delay is None:
                if report.result == "success":
                    return report
                return self._finish_failure(ks, report, start, operation, api_type)
            await self.async_sleeper.sleep(delay)
            attempt_index += 1

    async def call_async(
        self,
        attempt: Callable[[], Any],
        ks: KeyState,
        operation: str = "chat",
        api_type: str | None = None,
        observe: Callable[[Any], Observation | None] | None = None,
        info: ResultInfo | None = None,
        stream: bool = False,
        timed: bool = False,
    ) -> Any:
        return unwrap_report(await self.run_async(attempt, ks, operation, api_type, observe, info, stream, timed))

    # -- export -------------------------------------------------------------

    def metrics_snapshot(self) -> dict:
        return self.metrics.snapshot()

    def prometheus_text(self) -> str:
        return self.metrics.prometheus_text()


def unwrap_report(report: CallReport) -> Any:
    """The value of a call, or raise what ended it (noting a give-up on the exception)."""
    exc = report.exception
    if exc is not None:
        annotate(exc, report.error_type, report.give_up_reason)
        if report.give_up_reason is not None and hasattr(exc, "add_note"):
            exc.add_note(f"keyshift_shim: gave up after {report.attempts} attempt(s): {report.give_up_reason}")
        raise exc
    return report.value

