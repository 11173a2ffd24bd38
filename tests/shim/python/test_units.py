"""Unit tests of the shim's parts beyond what the conformance vectors pin down:
exception duck typing, the threaded and asyncio limiters, exports, policy."""

from __future__ import annotations

import asyncio
import json
import threading
import unittest
from types import SimpleNamespace

import keyshift_shim as ks
from keyshift_shim.classify import ERROR_CANCELLED, ERROR_CONNECTION, ERROR_OTHER, ERROR_TIMEOUT
from shim_fakes import FakeClock


class ExceptionObservationTest(unittest.TestCase):
    def test_status_error_reads_status_headers_and_inner_error_body(self) -> None:
        class RateLimitError(Exception):
            pass

        exc = RateLimitError("quota")
        exc.status_code = 429
        exc.response = SimpleNamespace(status_code=429, headers={"Retry-After": "3"})
        exc.body = {"code": "insufficient_quota", "message": "m", "type": "insufficient_quota"}
        obs = ks.observation_from_exception(exc)
        self.assertEqual((obs.status, obs.error), (429, None))
        cls = ks.classify(obs)
        self.assertEqual((cls.retry_class, cls.breaker_outcome, cls.error_type), ("fatal", "ignored", "429"))

    def test_status_only_on_the_response_is_found(self) -> None:
        exc = Exception("x")
        exc.response = SimpleNamespace(status_code=503, headers={"retry-after-ms": "250"})
        cls = ks.classify(ks.observation_from_exception(exc))
        self.assertEqual((cls.retry_class, cls.retry_after.kind, cls.retry_after.ms), ("retryable", "delay", 250))

    def test_code_and_type_attributes_stand_in_for_a_missing_body(self) -> None:
        exc = Exception("x")
        exc.status_code = 429
        exc.code = "insufficient_quota"
        self.assertEqual(ks.classify(ks.observation_from_exception(exc)).retry_class, "fatal")

    def test_error_kinds_by_class_name(self) -> None:
        def named(name: str, *bases: type) -> BaseException:
            return type(name, bases or (Exception,), {})()

        cases = [
            (named("APITimeoutError", type("APIConnectionError", (Exception,), {})), ERROR_TIMEOUT),
            (named("APIConnectionError"), ERROR_CONNECTION),
            (named("ConnectTimeout"), ERROR_TIMEOUT),
            (named("ConnectError"), ERROR_CONNECTION),
            (TimeoutError(), ERROR_TIMEOUT),
            (ConnectionRefusedError(), ERROR_CONNECTION),
            (asyncio.CancelledError(), ERROR_CANCELLED),
            (KeyboardInterrupt(), ERROR_CANCELLED),
            (ValueError(), ERROR_OTHER),
        ]
        for exc, kind in cases:
            with self.subTest(exc=type(exc).__name__):
                self.assertEqual(ks.observation_from_exception(exc).error, kind)

    def test_bool_status_is_not_a_status(self) -> None:
        exc = ValueError()
        exc.status_code = True
        self.assertEqual(ks.observation_from_exception(exc).error, ERROR_OTHER)

    def test_headers_as_pairs_and_bytes(self) -> None:
        headers = [(b"Retry-After", b"2")]
        self.assertEqual(ks.parse_retry_after(headers, 0).ms, 2000)


class ThreadLimiterTest(unittest.TestCase):
    def test_release_hands_the_permit_to_the_blocked_thread(self) -> None:
        limiter = ks.Limiter(max_in_flight=1, max_wait_ms=None)
        self.assertTrue(limiter.try_acquire_fast())
        got = []
        waiter = threading.Thread(target=lambda: got.append(limiter.acquire()))
        waiter.start()
        for _ in range(30_000):  # bounded: a broken limiter fails instead of hanging
            if limiter.queued:
                break
            threading.Event().wait(0.001)
        self.assertEqual(limiter.queued, 1)
        self.assertFalse(limiter.try_acquire_fast())  # no barging past the queue
        limiter.release()
        waiter.join(timeout=30)
        self.assertFalse(waiter.is_alive())
        self.assertEqual(len(got), 1)
        self.assertEqual((limiter.in_flight, limiter.queued), (1, 0))

    def test_zero_wait_times_out_at_once(self) -> None:
        clock = FakeClock(100)
        limiter = ks.Limiter(max_in_flight=1, max_wait_ms=0, clock=clock)
        self.assertEqual(limiter.acquire(), 0)
        with self.assertRaises(ks.ConcurrencyLimitError) as caught:
            limiter.acquire()
        self.assertEqual(caught.exception.reason, "timeout")
        self.assertEqual((limiter.in_flight, limiter.queued), (1, 0))

    def test_full_queue_rejects(self) -> None:
        limiter = ks.Limiter(max_in_flight=1, max_queue=0)
        limiter.acquire()
        with self.assertRaises(ks.ConcurrencyLimitError) as caught:
            limiter.acquire()
        self.assertEqual(caught.exception.reason, "queue_full")

    def test_never_more_than_max_in_flight_under_threads(self) -> None:
        limiter = ks.Limiter(max_in_flight=3, max_wait_ms=None)
        lock = threading.Lock()
        state = {"now": 0, "peak": 0}

        def worker() -> None:
            for _ in range(200):
                limiter.acquire()
                with lock:
                    state["now"] += 1
                    state["peak"] = max(state["peak"], state["now"])
                with lock:
                    state["now"] -= 1
                limiter.release()

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        self.assertLessEqual(state["peak"], 3)
        self.assertEqual((limiter.in_flight, limiter.queued), (0, 0))


class AsyncLimiterTest(unittest.TestCase):
    def test_fifo_hand_off_between_coroutines(self) -> None:
        async def main() -> list[str]:
            limiter = ks.AsyncLimiter(max_in_flight=1, max_wait_ms=None)
            order: list[str] = []

            async def user(name: str) -> None:
                await limiter.acquire()
                order.append(name)
                await asyncio.sleep(0)
                limiter.release()

            await asyncio.gather(*(user(n) for n in "ABCD"))
            self.assertEqual((limiter.in_flight, limiter.queued), (0, 0))
            return order

        self.assertEqual(asyncio.run(main()), ["A", "B", "C", "D"])

    def test_cancelled_waiter_leaves_the_queue(self) -> None:
        async def main() -> tuple[int, int]:
            limiter = ks.AsyncLimiter(max_in_flight=1, max_wait_ms=None)
            await limiter.acquire()
            task = asyncio.create_task(limiter.acquire())
            await asyncio.sleep(0)
            self.assertEqual(limiter.queued, 1)
            task.cancel()
            with self.assertRaises(asyncio.CancelledError):
                await task
            limiter.release()
            return limiter.in_flight, limiter.queued

        self.assertEqual(asyncio.run(main()), (0, 0))

    def test_zero_wait_times_out(self) -> None:
        async def main() -> str:
            limiter = ks.AsyncLimiter(max_in_flight=1, max_wait_ms=0, clock=FakeClock(5))
            await limiter.acquire()
            try:
                await limiter.acquire()
            except ks.ConcurrencyLimitError as error:
                return error.reason
            return "granted"

        self.assertEqual(asyncio.run(main()), "timeout")


class PipelineTest(unittest.TestCase):
    def test_concurrency_rejection_is_reported_and_counted(self) -> None:
        clock = FakeClock(0)
        shim = ks.Shim(mono_clock=clock, limiter_max_in_flight=1, limiter_max_queue=0)
        key = shim.key_state("h", 443, "m")
        inner: list[ks.CallReport] = []

        def attempt() -> str:
            inner.append(shim.run(lambda: "never", key))
            return "outer"

        self.assertEqual(shim.call(attempt, key), "outer")
        self.assertEqual((inner[0].result, inner[0].error_type), ("failure", "concurrency_limit"))
        self.assertIsInstance(inner[0].exception, ks.ConcurrencyLimitError)
        labels = {"server_address": "h", "gen_ai_request_model": "m", "reason": "queue_full"}
        self.assertEqual(shim.metrics.find("keyshift_concurrency_rejections_total", labels).value, 1)

    def test_global_cap_applies_across_keys(self) -> None:
        shim = ks.Shim(mono_clock=FakeClock(0), global_max_in_flight=1, limiter_max_queue=0)
        a, b = shim.key_state("h", 443, "a"), shim.key_state("h", 443, "b")
        inner: list[ks.CallReport] = []
        shim.call(lambda: inner.append(shim.run(lambda: 1, b)), a)
        self.assertEqual(inner[0].error_type, "concurrency_limit")

    def test_returned_error_response_is_classified_through_observe(self) -> None:
        clock = FakeClock(0)
        slept: list[int] = []
        shim = ks.Shim(mono_clock=clock, rng=SimpleNamespace(next_unit=lambda: 0.5),
                       sleeper=SimpleNamespace(sleep=slept.append))  # fmt: skip
        responses = [SimpleNamespace(status_code=503, headers={}), SimpleNamespace(status_code=200, headers={})]
        value = shim.call(lambda: responses.pop(0), shim.key_state("h", 1, "m"), observe=ks.observation_from_response)
        self.assertEqual(value.status_code, 200)
        self.assertEqual(slept, [250])


class ExportTest(unittest.TestCase):
    def test_prometheus_text_format(self) -> None:
        registry = ks.MetricsRegistry()
        registry.counter("keyshift_attempts_total", {"server_address": "h", "gen_ai_request_model": "m",
                                                     "outcome": "success"}).inc(3)  # fmt: skip
        registry.gauge("keyshift_circuit_state", {"server_address": "h", "gen_ai_request_model": 'a"b'}).set(1)
        histogram = registry.histogram("gen_ai_client_token_usage", {"gen_ai_operation_name": "chat",
                                                                     "gen_ai_token_type": "input"})  # fmt: skip
        histogram.observe(3)
        histogram.observe(100000000)
        text = registry.prometheus_text()
        want_lines = [
            "# HELP gen_ai_client_token_usage Tokens reported by responses",
            "# TYPE gen_ai_client_token_usage histogram",
            'gen_ai_client_token_usage_bucket{gen_ai_operation_name="chat",gen_ai_token_type="input",le="1"} 0',
            'gen_ai_client_token_usage_bucket{gen_ai_operation_name="chat",gen_ai_token_type="input",le="4"} 1',
        ]
        self.assertEqual(text.splitlines()[:4], want_lines)
        self.assertIn('gen_ai_client_token_usage_bucket{gen_ai_operation_name="chat",gen_ai_token_type="input",'
                      'le="67108864"} 1\n', text)  # fmt: skip
        self.assertIn('gen_ai_client_token_usage_bucket{gen_ai_operation_name="chat",gen_ai_token_type="input",'
                      'le="+Inf"} 2\n', text)  # fmt: skip
        self.assertIn('gen_ai_client_token_usage_sum{gen_ai_operation_name="chat",gen_ai_token_type="input"} '
                      "100000003\n", text)  # fmt: skip
        self.assertIn('gen_ai_client_token_usage_count{gen_ai_operation_name="chat",gen_ai_token_type="input"} 2\n',
                      text)  # fmt: skip
        self.assertIn("# TYPE keyshift_attempts_total counter\n"
                      'keyshift_attempts_total{server_address="h",gen_ai_request_model="m",outcome="success"} 3\n',
                      text)  # fmt: skip
        self.assertIn('keyshift_circuit_state{server_address="h",gen_ai_request_model="a\\"b"} 1\n', text)
        self.assertTrue(text.endswith("\n"))

    def test_snapshot_has_the_cpp_reference_shape(self) -> None:
        registry = ks.MetricsRegistry()
        key = {"server_address": "h", "gen_ai_request_model": "m"}
        registry.histogram("keyshift_queue_wait_seconds", key).observe(0.02)
        registry.gauge("keyshift_circuit_state", key).set(2.0)
        snapshot = json.loads(json.dumps(registry.snapshot()))
        families = {family["name"]: family for family in snapshot["metrics"]}
        self.assertEqual(list(families), list(ks.METRICS))
        self.assertEqual(families["gen_ai_client_token_usage"]["otel_name"], "gen_ai.client.token.usage")
        self.assertEqual(families["keyshift_attempts_total"]["series"], [])
        self.assertEqual(families["keyshift_circuit_state"]["series"], [{"labels": key, "value": 2.0}])
        wait = families["keyshift_queue_wait_seconds"]
        self.assertEqual((wait["type"], wait["help"]), ("histogram", "Time spent waiting for a concurrency permit"))
        self.assertNotIn("otel_name", wait)
        series = wait["series"][0]
        self.assertEqual((series["labels"], series["count"], series["sum"]), (key, 1, 0.02))
        self.assertEqual(series["buckets"][:3], [{"le": "0.01", "count": 0}, {"le": "0.02", "count": 1},
                                                 {"le": "0.04", "count": 1}])  # fmt: skip
        self.assertEqual(series["buckets"][-1], {"le": "+Inf", "count": 1})
        self.assertEqual(len(series["buckets"]), 15)

    def test_undeclared_metric_and_label_are_refused(self) -> None:
        registry = ks.MetricsRegistry()
        with self.assertRaises(KeyError):
            registry.counter("nope_total")
        with self.assertRaises(KeyError):
            registry.counter("keyshift_attempts_total", {"user_id": "u"})


class ClockTest(unittest.TestCase):
    def test_system_rng_draws_are_in_unit_interval_and_seedable(self) -> None:
        a, b = ks.SystemRng(7), ks.SystemRng(7)
        draws = [a.next_unit() for _ in range(1000)]
        self.assertTrue(all(0.0 <= d < 1.0 for d in draws))
        self.assertEqual(draws[:5], [b.next_unit() for _ in range(5)])

    def test_system_clocks_are_integers(self) -> None:
        self.assertIsInstance(ks.SystemMonoClock().now_ms(), int)
        self.assertGreater(ks.SystemWallClock().now_unix_ms(), 1_600_000_000_000)


class BreakerThreadSafetyTest(unittest.TestCase):
    def test_at_most_one_probe_is_granted_in_half_open(self) -> None:
        clock = FakeClock(0)
        breaker = ks.CircuitBreaker(consecutive_failures=1, clock=clock)
        breaker.record(breaker.try_acquire(), ks.FAILURE)
        clock.set(30_000)
        grants: list[ks.Ticket] = []
        lock = threading.Lock()

        def contender() -> None:
            for _ in range(100):
                ticket = breaker.try_acquire()
                if ticket.admitted:
                    with lock:
                        grants.append(ticket)

        threads = [threading.Thread(target=contender) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        self.assertEqual(len(grants), 1)
        self.assertTrue(grants[0].probe)
        self.assertEqual(breaker.state, ks.HALF_OPEN)


if __name__ == "__main__":
    unittest.main()
