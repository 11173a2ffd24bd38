"""Runs every conformance vector in testdata/shim/*.json against the Python shim.

The format is testdata/shim/README.md. An unknown vector type is a failure,
and the number of vectors executed must equal the number in the files, so no
vector can be skipped silently. Scenarios run through both the synchronous and
the asyncio pipeline.
"""

from __future__ import annotations

import asyncio
import json
import math
import unittest

import keyshift_shim as ks
from keyshift_shim.limiter import GRANTED, QUEUE_FULL, QUEUED, LimiterCore, Waiter
from keyshift_shim.metrics import METRICS, MetricsRegistry, format_number

from shim_fakes import FakeClock, RecordingAsyncSleeper, RecordingSleeper, ScriptedRng, testdata_dir


def load_vectors() -> list[tuple[str, dict]]:
    vectors = []
    files = sorted(testdata_dir().glob("*.json"))
    if not files:
        raise AssertionError(f"{testdata_dir()}: no vector files")
    for path in files:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        for vector in document["vectors"]:
            vectors.append((path.name, vector))
    return vectors


def policy_of(vector: dict) -> ks.Policy:
    # The vectors' config members are the KEYSHIFT_SHIM_POLICY members: the
    # library's reader maps them, and an unknown one raises.
    return ks.policy_from_config(None, vector.get("config", {}), "config")


class _UpstreamError(Exception):
    pass


class APIConnectionError(_UpstreamError):
    """Named like openai's, so the classifier's duck typing is what is tested."""


class APITimeoutError(APIConnectionError):
    pass


class FakeResponse:
    def __init__(self, status: int, headers: dict, body: str | None) -> None:
        self.status_code = status
        self.headers = headers
        self.body = body


class APIError(_UpstreamError):
    """What openai-python raises for an error event inside a stream (no status)."""


def _raise_for(error: str) -> BaseException:
    if error == "connection_error":
        return APIConnectionError("connection refused")
    if error == "timeout":
        return APITimeoutError("attempt timed out")
    if error == "cancelled":
        return asyncio.CancelledError()
    if error == "error_event":
        return APIError("an error occurred during streaming")
    raise AssertionError(f"scenario: unknown upstream error '{error}'")


class FakeStream:
    """A scripted committed stream (testdata/shim/README.md "Streams in a scenario").

    Iterating sets the clock to each event's time, checks the in-flight gauge
    where asked, and ends as the script says; a `closed` end is the caller's.
    """

    def __init__(self, entry: dict, clock: FakeClock, check_in_flight) -> None:
        self.status_code = entry["status"]
        self.headers = entry.get("headers", {})
        self.body = None
        self.events = entry["events"]
        self.end = entry["end"]
        self.clock = clock
        self.check_in_flight = check_in_flight
        self.closed = False
        if self.end["result"] not in ("complete", "closed", "connection_error", "timeout", "error_event"):
            raise AssertionError(f"unknown stream end {self.end['result']!r}")

    def _event(self, event: dict) -> dict:
        self.clock.set(event["at_ms"])
        if "expect_in_flight" in event:
            self.check_in_flight(event["expect_in_flight"])
        return event["data"]

    def _finish(self) -> None:
        self.clock.set(self.end["at_ms"])
        if self.end["result"] != "complete":
            raise _raise_for(self.end["result"])

    def __iter__(self):
        for event in self.events:
            yield self._event(event)
        self._finish()

    def close(self) -> None:
        self.closed = True


class AsyncFakeStream(FakeStream):
    async def __aiter__(self):
        for event in self.events:
            await asyncio.sleep(0)
            yield self._event(event)
        self._finish()

    async def close(self) -> None:  # type: ignore[override]
        self.closed = True


def _observe(response: FakeResponse) -> ks.Observation:
    return ks.Observation(status=response.status_code, headers=response.headers, body=response.body)


def _info(response: FakeResponse) -> tuple:
    if not (200 <= response.status_code < 300) or not response.body:
        return None, None, None
    try:
        document = json.loads(response.body)
    except ValueError:
        return None, None, None
    return ks.default_result_info(document)


# A stream end -> the call's error_type (SHIM_SPEC 1.9).
_END_ERROR_TYPE = {"complete": None, "connection_error": "connection_error", "timeout": "timeout",
                   "error_event": "_OTHER", "closed": "cancelled"}


class VectorRunner:
    def __init__(self, test: unittest.TestCase) -> None:
        self.t = test

    def run(self, vector: dict) -> None:
        handler = getattr(self, "run_" + str(vector.get("type")), None)
        if handler is None:
            self.t.fail(f"{vector.get('name')}: unknown vector type '{vector.get('type')}'")
        handler(vector)

    # -- backoff, retry_after, classify, budget -----------------------------

    def run_backoff(self, v: dict) -> None:
        policy = policy_of(v)
        for case in v["cases"]:
            got = ks.backoff_ms(case["retries_taken"], case["u"], policy.base_ms, policy.cap_ms, v["mode"])
            self.t.assertEqual(got, case["delay_ms"], f"{v['name']}: {case}")

    def run_retry_after(self, v: dict) -> None:
        policy = policy_of(v)
        got = ks.parse_retry_after(v["headers"], v.get("wall_now_unix_ms", 0), policy.max_retry_after_ms)
        want = v["expect"]
        self.t.assertEqual(got.kind.replace("none", "backoff"), want["result"], v["name"])
        if want["result"] == "delay":
            self.t.assertEqual(got.ms, want["delay_ms"], v["name"])

    def run_classify(self, v: dict) -> None:
        policy = policy_of(v)
        raw = v["observation"]
        obs = ks.Observation(status=raw.get("status"), headers=raw.get("headers"), body=raw.get("body"),
                             error=raw.get("error"))  # fmt: skip
        got = ks.classify(obs, v.get("wall_now_unix_ms", 0), policy.max_retry_after_ms, policy.breaker_counts_429)
        want = v["expect"]
        self.t.assertEqual(
            set(want), {"retry_class", "attempt_outcome", "breaker_outcome", "retry_reason", "error_type"}, v["name"]
        )
        retry_reason = got.reason if got.retry_class == ks.RETRYABLE else None
        error_type = None if got.retry_class == ks.SUCCESS else got.error_type
        self.t.assertEqual(
            (got.retry_class, got.attempt_outcome, got.breaker_outcome, retry_reason, error_type),
            (want["retry_class"], want["attempt_outcome"], want["breaker_outcome"], want["retry_reason"],
             want["error_type"]),
            v["name"],
        )  # fmt: skip

    def run_budget(self, v: dict) -> None:
        policy = policy_of(v)
        budget = ks.RetryBudget(policy.budget_max_tokens, policy.budget_token_ratio_milli)
        for step in v["steps"]:
            if step["op"] == "record":
                for _ in range(step.get("repeat", 1)):
                    budget.record(step["outcome"])
            elif step["op"] == "check":
                self.t.assertEqual(budget.tokens_milli, step["tokens_milli"], f"{v['name']}: {step}")
                self.t.assertEqual(budget.allow_retry(), step["allow_retry"], f"{v['name']}: {step}")
            else:
                self.t.fail(f"{v['name']}: unknown budget op '{step['op']}'")

    # -- breaker ------------------------------------------------------------

    def run_breaker(self, v: dict) -> None:
        policy = policy_of(v)
        transitions: list[list[str]] = []
        breaker = ks.CircuitBreaker(
            window_size=policy.breaker_window_size,
            min_calls=policy.breaker_min_calls,
            failure_rate_pct=policy.breaker_failure_rate_pct,
            consecutive_failures=policy.breaker_consecutive_failures,
            open_base_ms=policy.breaker_open_base_ms,
            open_max_ms=policy.breaker_open_max_ms,
            probe_timeout_ms=policy.breaker_probe_timeout_ms,
            on_transition=lambda a, b: transitions.append([a, b]),
        )
        permits: dict[str, ks.Ticket] = {}
        for index, step in enumerate(v["steps"]):
            where = f"{v['name']}: step {index} {step}"
            op = step["op"]
            if op == "acquire":
                ticket = breaker.try_acquire(step["at_ms"])
                want = step["expect"]
                self.t.assertEqual(ticket.admitted, want["admitted"], where)
                if "probe" in want:
                    self.t.assertEqual(ticket.probe, want["probe"], where)
                if "retry_after_ms" in want:
                    self.t.assertEqual(ticket.retry_after_ms, want["retry_after_ms"], where)
                if ticket.admitted and "permit" in step:
                    permits[step["permit"]] = ticket
            elif op == "record":
                if "permit" in step:
                    ticket = permits[step["permit"]]
                else:
                    ticket = breaker.try_acquire(step["at_ms"])
                    self.t.assertTrue(ticket.admitted, where)
                breaker.record(ticket, step["outcome"], step["at_ms"])
            elif op == "check":
                snapshot = {
                    "state": breaker.state,
                    "open_until_ms": breaker.open_until_ms,
                    "trip_count": breaker.trip_count,
                    "consecutive_failures": breaker.consecutive_failures_now,
                    "window_calls": breaker.window_calls,
                    "window_failures": breaker.window_failures,
                }
                for key, value in step["expect"].items():
                    self.t.assertIn(key, snapshot, where)
                    self.t.assertEqual(snapshot[key], value, f"{where}: {key}")
            else:
                self.t.fail(f"{where}: unknown breaker op")
        self.t.assertEqual(transitions, v["expect_transitions"], v["name"])

    # -- limiter ------------------------------------------------------------

    def run_limiter(self, v: dict) -> None:
        policy = policy_of(v)
        core = LimiterCore(policy.limiter_max_in_flight, policy.limiter_max_queue, policy.limiter_max_wait_ms)
        waiters: dict[str, Waiter] = {}
        for index, step in enumerate(v["steps"]):
            where = f"{v['name']}: step {index} {step}"
            op = step["op"]
            want = step.get("expect", {})
            granted: list[str] = []
            if op == "check":
                self.t.assertEqual({"in_flight": core.in_flight, "queued": len(core.queue)}, want, where)
                continue
            now = step["at_ms"]
            if op == "acquire":
                waiter = Waiter(step["id"])
                waiters[step["id"]] = waiter
                result, expired = core.acquire(waiter, now, step.get("deadline_ms"))
                wanted = {GRANTED: "granted", QUEUED: "queued", QUEUE_FULL: "rejected"}[result]
                self.t.assertEqual(wanted, want["result"], where)
                if result == QUEUE_FULL:
                    self.t.assertEqual(want.get("reason"), "queue_full", where)
            elif op == "release":
                handed, expired = core.release(now)
                if handed is not None:
                    granted.append(handed.name)
            elif op == "cancel":
                removed, expired = core.cancel(waiters[step["id"]], now)
                self.t.assertTrue(removed, where)
            elif op == "advance":
                expired = core.advance(now)
            else:
                self.t.fail(f"{where}: unknown limiter op")
            self.t.assertEqual(granted, want.get("granted", []), f"{where}: granted")
            self.t.assertEqual([w.name for w in expired], want.get("timed_out", []), f"{where}: timed_out")

    # -- metrics and endpoints ----------------------------------------------

    def run_metrics(self, v: dict) -> None:
        spec = METRICS.get(v["metric"])
        self.t.assertIsNotNone(spec, f"{v['name']}: metric not declared")
        self.t.assertEqual(spec.kind, v["kind"], v["name"])
        self.t.assertEqual(list(spec.labels), v["labels"], v["name"])
        if v["kind"] != "histogram":
            return
        self.t.assertEqual(list(spec.buckets), v["buckets"], v["name"])
        self.t.assertEqual([format_number(b) for b in spec.buckets], v["le"], v["name"])
        if "observe" in v:
            histogram = MetricsRegistry().histogram(v["metric"], {})
            for value in v["observe"]:
                histogram.observe(value)
            want = v["expect"]
            self.t.assertEqual(histogram.cumulative(), want["cumulative"], v["name"])
            self.t.assertEqual(histogram.count, want["count"], v["name"])
            self.t.assertTrue(math.isclose(histogram.sum, want["sum"], rel_tol=0, abs_tol=1e-9), v["name"])

    def run_endpoint(self, v: dict) -> None:
        operation, api_type = ks.endpoint_labels(v["path"])
        self.t.assertEqual({"operation_name": operation, "openai_api_type": api_type}, v["expect"], v["name"])

    # -- scenarios ----------------------------------------------------------

    def run_scenario(self, v: dict) -> None:
        for mode in ("sync", "async"):
            with self.t.subTest(pipeline=mode):
                self._scenario(v, mode)

    def _scenario(self, v: dict, mode: str) -> None:
        name = f"{v['name']} ({mode})"
        clock = FakeClock(0, v["wall_at_mono_zero_ms"])
        rng = ScriptedRng(v["rng"])
        sleeper = RecordingSleeper(clock)
        async_sleeper = RecordingAsyncSleeper(clock)
        shim = ks.Shim(policy_of(v), mono_clock=clock, wall_clock=clock, rng=rng, sleeper=sleeper,
                       async_sleeper=async_sleeper)  # fmt: skip
        request = v["request"]
        operation, api_type = ks.endpoint_labels(request["path"])
        key = shim.key_state(request["server_address"], request["server_port"], request["model"])
        upstream = list(v["upstream"])
        attempt_starts: list[int] = []

        key_labels = {"server_address": request["server_address"], "gen_ai_request_model": request["model"]}

        def check_in_flight(want: int) -> None:
            gauge = shim.metrics.find("keyshift_inflight_requests", key_labels)
            self.t.assertEqual(gauge.value if gauge else None, want, f"{name}: in flight")

        def attempt() -> FakeResponse:
            if not upstream:
                raise AssertionError(f"{name}: attempt {len(attempt_starts) + 1} but the upstream script is exhausted")
            entry = upstream.pop(0)
            attempt_starts.append(clock.now)
            clock.set(entry["at_ms"])
            if "error" in entry:
                raise _raise_for(entry["error"])
            if "events" in entry:
                return (AsyncFakeStream if mode == "async" else FakeStream)(entry, clock, check_in_flight)
            return FakeResponse(entry["status"], entry.get("headers", {}), entry.get("body"))

        async def async_attempt() -> FakeResponse:
            await asyncio.sleep(0)
            return attempt()

        for index, call in enumerate(v["calls"]):
            where = f"{name}: call {index}"
            stream = call.get("stream", False)
            clock.set(call["start_ms"])
            attempt_starts.clear()
            sleeper.sleeps.clear()
            async_sleeper.sleeps.clear()
            if mode == "sync":
                report = shim.run(attempt, key, operation, api_type, _observe, _info, stream=stream)
                events = self._consume(report) if stream else 0
            else:

                async def run_call() -> tuple:
                    r = await shim.run_async(async_attempt, key, operation, api_type, _observe, _info, stream=stream)
                    return r, (await self._consume_async(r) if stream else 0)

                report, events = asyncio.run(run_call())
            got = {
                "result": report.result,
                "status": report.status,
                "error_type": report.error_type,
                "give_up_reason": report.give_up_reason,
                "attempt_starts_ms": list(attempt_starts),
                "sleeps_ms": sleeper.sleeps + async_sleeper.sleeps,
                "end_ms": clock.now,
            }
            if stream:
                got["events"] = events
            self.t.assertEqual(set(call["expect"]), set(got), where)
            self.t.assertEqual(got, call["expect"], where)
            self.t.assertEqual(report.sleeps, got["sleeps_ms"], where)
        self.t.assertEqual(upstream, [], f"{name}: upstream entries left over")
        self.t.assertEqual(rng.unused(), 0, f"{name}: scripted RNG draws left over")
        self._check_metrics(name, shim.metrics, v["expect_metrics"])

    @staticmethod
    def _stream_outcome(report: ks.CallReport, proxy) -> None:
        """A committed stream's end is the call's outcome: copy it into the report."""
        error_type = _END_ERROR_TYPE[proxy._keyshift_lease.ended]
        if error_type is not None:
            report.result, report.error_type = "failure", error_type

    def _consume(self, report: ks.CallReport) -> int:
        """The caller's loop over a committed stream; a `closed` end is its close()."""
        if report.result != "success":
            return 0
        proxy = report.value
        fake = proxy._keyshift_stream
        events = 0
        if fake.end["result"] == "closed":
            iterator = iter(proxy)
            for _ in fake.events:
                next(iterator)
                events += 1
            fake.clock.set(fake.end["at_ms"])
            proxy.close()
        else:
            try:
                for _ in proxy:
                    events += 1
            except _UpstreamError:
                pass
        self._stream_outcome(report, proxy)
        return events

    async def _consume_async(self, report: ks.CallReport) -> int:
        if report.result != "success":
            return 0
        proxy = report.value
        fake = proxy._keyshift_stream
        events = 0
        if fake.end["result"] == "closed":
            iterator = proxy.__aiter__()
            for _ in fake.events:
                await iterator.__anext__()
                events += 1
            fake.clock.set(fake.end["at_ms"])
            await proxy.close()
        else:
            try:
                async for _ in proxy:
                    events += 1
            except _UpstreamError:
                pass
        self._stream_outcome(report, proxy)
        return events

    def _check_metrics(self, name: str, registry: MetricsRegistry, expected: list[dict]) -> None:
        listed_counters = set()
        for entry in expected:
            metric, labels = entry["metric"], entry["labels"]
            where = f"{name}: {metric}{labels}"
            kind = METRICS[metric].kind
            series = registry.find(metric, labels)
            if kind == "histogram":
                count, total = (series.count, series.sum) if series is not None else (0, 0)
                self.t.assertEqual(count, entry["count"], where)
                self.t.assertTrue(math.isclose(total, entry["sum"], rel_tol=0, abs_tol=1e-9), f"{where}: sum {total}")
                continue
            value = series.value if series is not None else 0
            self.t.assertTrue(math.isclose(value, entry["value"], rel_tol=0, abs_tol=1e-9), f"{where}: {value}")
            if kind == "counter":
                listed_counters.add((metric, tuple(sorted(labels.items()))))
        # Counters are listed completely: anything non-zero must be expected.
        for family in registry.snapshot()["metrics"]:
            if family["type"] != "counter":
                continue
            for series in family["series"]:
                if series["value"] == 0:
                    continue
                key = (family["name"], tuple(sorted(series["labels"].items())))
                self.t.assertIn(key, listed_counters, f"{name}: unexpected counter {key} = {series['value']}")


class ConformanceVectorsTest(unittest.TestCase):
    def test_vector_names_are_unique(self) -> None:
        names = [vector.get("name") for _, vector in load_vectors()]
        self.assertEqual(len(names), len(set(names)), [n for n in names if names.count(n) > 1])

    def test_every_vector_passes_and_none_is_skipped(self) -> None:
        vectors = load_vectors()
        runner = VectorRunner(self)
        executed = 0
        for filename, vector in vectors:
            with self.subTest(file=filename, vector=vector.get("name")):
                runner.run(vector)
                executed += 1
        self.assertEqual(executed, len(vectors))

    def test_unknown_vector_type_is_a_failure(self) -> None:
        runner = VectorRunner(self)
        with self.assertRaises(AssertionError):
            runner.run({"name": "made_up", "type": "no_such_type"})


if __name__ == "__main__":
    unittest.main()
