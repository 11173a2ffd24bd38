"""wrap() around duck-typed sync and async OpenAI-style clients.

A scripted fake upstream plays 429-with-Retry-After / 503 / 200 sequences; an
injected clock, RNG and sleeper make attempts, sleeps and metrics exact.
"""

from __future__ import annotations

import asyncio
import unittest
from types import SimpleNamespace

import keyshift_shim as ks
from fake_openai import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncFakeOpenAI,
    FakeOpenAI,
    Script,
    completion,
)
from shim_fakes import FakeClock, RecordingAsyncSleeper, RecordingSleeper, ScriptedRng

KEY = {"server_address": "api.example.test", "gen_ai_request_model": "gpt-4o-mini"}
CHAT = {
    "gen_ai_operation_name": "chat",
    "gen_ai_provider_name": "openai",
    "gen_ai_request_model": "gpt-4o-mini",
    "server_address": "api.example.test",
    "server_port": "443",
    "openai_api_type": "chat_completions",
}


class Harness:
    def __init__(self, draws: list[float] | None = None, **policy) -> None:
        self.clock = FakeClock(0, 1445412450000)
        self.rng = ScriptedRng(draws or [])
        self.sleeper = RecordingSleeper(self.clock)
        self.async_sleeper = RecordingAsyncSleeper(self.clock)
        self.registry = ks.MetricsRegistry()
        self.options = dict(
            mono_clock=self.clock, wall_clock=self.clock, rng=self.rng, sleeper=self.sleeper,
            async_sleeper=self.async_sleeper, metrics=self.registry, **policy,
        )  # fmt: skip

    def wrap(self, client):
        return ks.wrap(client, **self.options)

    def value(self, metric: str, labels: dict):
        series = self.registry.find(metric, labels)
        if series is None:
            return 0
        return (series.count, series.sum) if hasattr(series, "count") else series.value


class SyncWrapTest(unittest.TestCase):
    def test_429_with_retry_after_then_503_then_200_retries_and_records_metrics(self) -> None:
        h = Harness(draws=[0.5])
        script = Script([
            APIStatusError(429, {"retry-after": "2"}, {"code": "rate_limit_exceeded", "type": "requests"}),
            APIStatusError(503),
            completion(),
        ])  # fmt: skip
        client = h.wrap(FakeOpenAI(script))

        result = client.chat.completions.create(model="gpt-4o-mini", messages=[])

        self.assertEqual(result.model, "gpt-4o-mini-2024-07-18")
        self.assertEqual(len(script.calls), 3)
        # Retry-After honoured exactly (no draw), then full jitter 0.5 * 1000 for n = 1.
        self.assertEqual(h.sleeper.sleeps, [2000, 500])
        self.assertEqual(h.rng.unused(), 0)
        self.assertEqual(h.value("keyshift_attempts_total", {**KEY, "outcome": "retryable"}), 2)
        self.assertEqual(h.value("keyshift_attempts_total", {**KEY, "outcome": "success"}), 1)
        self.assertEqual(h.value("keyshift_retries_total", {**KEY, "reason": "status_429"}), 1)
        self.assertEqual(h.value("keyshift_retries_total", {**KEY, "reason": "status_5xx"}), 1)
        labels = {**CHAT, "gen_ai_response_model": "gpt-4o-mini-2024-07-18"}
        self.assertEqual(h.value("gen_ai_client_operation_duration_seconds", labels), (1, 2.5))
        self.assertEqual(h.value("gen_ai_client_token_usage", {**labels, "gen_ai_token_type": "input"}), (1, 12))
        self.assertEqual(h.value("gen_ai_client_token_usage", {**labels, "gen_ai_token_type": "output"}), (1, 5))
        self.assertEqual(h.value("keyshift_retry_budget_tokens", KEY), 8.1)

    def test_sdk_retries_are_turned_off_through_with_options(self) -> None:
        raw = FakeOpenAI(Script([]))
        client = Harness().wrap(raw)
        self.assertEqual(raw.with_options_calls, [{"max_retries": 0}])
        self.assertEqual(ks.unwrap(client).max_retries, 0)

    def test_non_callable_attributes_pass_through_unchanged(self) -> None:
        raw = FakeOpenAI(Script([]))
        client = Harness().wrap(raw)
        self.assertEqual(client.api_key, raw.api_key)
        self.assertIs(client.base_url, ks.unwrap(client).base_url)
        self.assertEqual(client.max_retries, 0)

    def test_resources_are_proxied_once_and_cached(self) -> None:
        client = Harness().wrap(FakeOpenAI(Script([])))
        self.assertIs(client.chat, client.chat)
        self.assertIs(client.chat.completions.create, client.chat.completions.create)

    def test_client_methods_pass_through(self) -> None:
        client = Harness().wrap(FakeOpenAI(Script([])))
        client.close()
        self.assertTrue(ks.unwrap(client).closed)

    def test_fatal_400_raises_the_original_error_after_one_attempt(self) -> None:
        h = Harness()
        error = APIStatusError(400, body={"type": "invalid_request_error"})
        script = Script([error])
        client = h.wrap(FakeOpenAI(script))
        with self.assertRaises(APIStatusError) as caught:
            client.chat.completions.create(model="gpt-4o-mini")
        self.assertIs(caught.exception, error)
        self.assertEqual(len(script.calls), 1)
        self.assertEqual(h.sleeper.sleeps, [])
        self.assertEqual(h.value("keyshift_attempts_total", {**KEY, "outcome": "fatal"}), 1)
        self.assertEqual(h.value("gen_ai_client_operation_duration_seconds", {**CHAT, "error_type": "400"}), (1, 0.0))

    def test_three_503s_give_up_with_the_last_error_and_a_note(self) -> None:
        h = Harness(draws=[0.25, 0.75])
        last = APIStatusError(503)
        script = Script([APIStatusError(503), APIStatusError(503), last])
        client = h.wrap(FakeOpenAI(script))
        with self.assertRaises(APIStatusError) as caught:
            client.chat.completions.create(model="gpt-4o-mini")
        self.assertIs(caught.exception, last)
        self.assertEqual(caught.exception.__notes__, ["keyshift_shim: gave up after 3 attempt(s): max_retries"])
        self.assertEqual(h.sleeper.sleeps, [125, 750])
        self.assertEqual(h.value("keyshift_retry_giveups_total", {**KEY, "reason": "max_retries"}), 1)

    def test_connection_and_timeout_errors_are_retried_by_class_name(self) -> None:
        h = Harness(draws=[0, 0])
        script = Script([APIConnectionError("refused"), APITimeoutError("slow"), completion()])
        client = h.wrap(FakeOpenAI(script))
        client.chat.completions.create(model="gpt-4o-mini")
        self.assertEqual(len(script.calls), 3)
        self.assertEqual(h.value("keyshift_retries_total", {**KEY, "reason": "connection"}), 1)
        self.assertEqual(h.value("keyshift_retries_total", {**KEY, "reason": "timeout"}), 1)

    def test_builtin_connection_error_is_retried_and_value_error_is_not(self) -> None:
        h = Harness(draws=[0])
        script = Script([ConnectionResetError("reset"), ValueError("bad argument")])
        client = h.wrap(FakeOpenAI(script))
        with self.assertRaises(ValueError):
            client.chat.completions.create(model="gpt-4o-mini")
        self.assertEqual(len(script.calls), 2)
        labels = {**CHAT, "error_type": "_OTHER"}
        self.assertEqual(h.value("gen_ai_client_operation_duration_seconds", labels), (1, 0.0))

    def test_insufficient_quota_429_is_not_retried(self) -> None:
        h = Harness()
        script = Script([APIStatusError(429, body={"code": "insufficient_quota", "type": "insufficient_quota"})])
        client = h.wrap(FakeOpenAI(script))
        with self.assertRaises(APIStatusError):
            client.chat.completions.create(model="gpt-4o-mini")
        self.assertEqual(len(script.calls), 1)

    def test_open_breaker_rejects_without_calling_upstream(self) -> None:
        h = Harness(max_retries=0, breaker_consecutive_failures=1)
        script = Script([APIStatusError(500)])
        client = h.wrap(FakeOpenAI(script))
        with self.assertRaises(APIStatusError):
            client.chat.completions.create(model="gpt-4o-mini")
        h.clock.set(1000)
        with self.assertRaises(ks.CircuitOpenError) as caught:
            client.chat.completions.create(model="gpt-4o-mini")
        self.assertEqual(caught.exception.retry_after_ms, 29000)
        self.assertEqual(len(script.calls), 1)
        self.assertEqual(h.value("keyshift_circuit_rejections_total", KEY), 1)
        self.assertEqual(h.value("keyshift_circuit_state", KEY), 1)

    def test_breaker_is_keyed_by_model(self) -> None:
        h = Harness(max_retries=0, breaker_consecutive_failures=1)
        script = Script([APIStatusError(500), completion(model="gpt-4o")])
        client = h.wrap(FakeOpenAI(script))
        with self.assertRaises(APIStatusError):
            client.chat.completions.create(model="gpt-4o-mini")
        self.assertEqual(client.chat.completions.create(model="gpt-4o").model, "gpt-4o")
        self.assertEqual(h.value("keyshift_circuit_state", KEY), 1)
        self.assertEqual(h.value("keyshift_circuit_state", {**KEY, "gen_ai_request_model": "gpt-4o"}), 0)

    def test_embeddings_and_responses_get_their_operation_labels(self) -> None:
        h = Harness()
        responses_result = SimpleNamespace(model="gpt-4o", usage=SimpleNamespace(input_tokens=7, output_tokens=3))
        embeddings_usage = SimpleNamespace(prompt_tokens=8, total_tokens=8)
        embeddings_result = SimpleNamespace(model="text-embedding-3-small", usage=embeddings_usage)
        client = h.wrap(FakeOpenAI(Script([responses_result, embeddings_result])))
        client.responses.create(model="gpt-4o", input="hi")
        client.embeddings.create(model="text-embedding-3-small", input="hi")
        base = {"gen_ai_provider_name": "openai", "server_address": "api.example.test", "server_port": "443"}
        responses = {**base, "gen_ai_operation_name": "chat", "openai_api_type": "responses",
                     "gen_ai_request_model": "gpt-4o", "gen_ai_response_model": "gpt-4o"}  # fmt: skip
        self.assertEqual(h.value("gen_ai_client_token_usage", {**responses, "gen_ai_token_type": "input"}), (1, 7))
        self.assertEqual(h.value("gen_ai_client_token_usage", {**responses, "gen_ai_token_type": "output"}), (1, 3))
        embeddings = {**base, "gen_ai_operation_name": "embeddings", "gen_ai_request_model": "text-embedding-3-small",
                      "gen_ai_response_model": "text-embedding-3-small"}  # fmt: skip
        self.assertEqual(h.value("gen_ai_client_token_usage", {**embeddings, "gen_ai_token_type": "input"}), (1, 8))
        self.assertIsNone(h.registry.find("gen_ai_client_token_usage", {**embeddings, "gen_ai_token_type": "output"}))

    def test_server_port_comes_from_base_url(self) -> None:
        h = Harness()
        client = h.wrap(FakeOpenAI(Script([completion()]), base_url="http://localhost:4000/v1"))
        client.chat.completions.create(model="gpt-4o-mini")
        labels = {**CHAT, "server_address": "localhost", "server_port": "4000",
                  "gen_ai_response_model": "gpt-4o-mini-2024-07-18"}  # fmt: skip
        self.assertEqual(h.value("gen_ai_client_operation_duration_seconds", labels), (1, 0.0))

    def test_with_options_returns_a_wrapped_client_without_sdk_retries(self) -> None:
        h = Harness(draws=[0])
        script = Script([APIStatusError(503), completion()])
        client = h.wrap(FakeOpenAI(script)).with_options(timeout=5, max_retries=4)
        self.assertIsInstance(client, ks.WrappedClient)
        self.assertEqual(client.max_retries, 0)
        client.chat.completions.create(model="gpt-4o-mini")
        self.assertEqual(len(script.calls), 2)

    def test_unknown_policy_option_suggests_the_closest_name(self) -> None:
        with self.assertRaises(TypeError) as caught:
            ks.wrap(FakeOpenAI(Script([])), max_retrys=3)
        self.assertEqual(
            str(caught.exception), "keyshift_shim policy: unknown option 'max_retrys'; did you mean 'max_retries'?"
        )


class AsyncWrapTest(unittest.TestCase):
    def test_async_client_429_then_503_then_200_uses_the_async_sleeper(self) -> None:
        h = Harness(draws=[0.5])
        script = Script([APIStatusError(429, {"retry-after-ms": "1500"}), APIStatusError(503), completion()])
        client = h.wrap(AsyncFakeOpenAI(script))

        result = asyncio.run(client.chat.completions.create(model="gpt-4o-mini"))

        self.assertEqual(result.usage.prompt_tokens, 12)
        self.assertEqual(len(script.calls), 3)
        self.assertEqual(h.async_sleeper.sleeps, [1500, 500])
        self.assertEqual(h.sleeper.sleeps, [])
        self.assertEqual(h.value("keyshift_attempts_total", {**KEY, "outcome": "retryable"}), 2)
        self.assertEqual(h.value("keyshift_attempts_total", {**KEY, "outcome": "success"}), 1)
        labels = {**CHAT, "gen_ai_response_model": "gpt-4o-mini-2024-07-18"}
        self.assertEqual(h.value("gen_ai_client_operation_duration_seconds", labels), (1, 2.0))

    def test_async_method_is_a_coroutine_function(self) -> None:
        client = Harness().wrap(AsyncFakeOpenAI(Script([])))
        self.assertTrue(asyncio.iscoroutinefunction(client.chat.completions.create))

    def test_async_fatal_error_is_raised_unchanged(self) -> None:
        h = Harness()
        error = APIStatusError(401)
        client = h.wrap(AsyncFakeOpenAI(Script([error])))
        with self.assertRaises(APIStatusError) as caught:
            asyncio.run(client.embeddings.create(model="text-embedding-3-small", input="x"))
        self.assertIs(caught.exception, error)

    def test_cancelled_attempt_is_ignored_by_budget_and_re_raised(self) -> None:
        h = Harness()
        client = h.wrap(AsyncFakeOpenAI(Script([asyncio.CancelledError()])))

        async def main() -> None:
            await client.chat.completions.create(model="gpt-4o-mini")

        with self.assertRaises(asyncio.CancelledError):
            asyncio.run(main())
        self.assertEqual(h.value("keyshift_attempts_total", {**KEY, "outcome": "ignored"}), 1)
        self.assertEqual(h.value("keyshift_retry_budget_tokens", KEY), 10.0)
        labels = {**CHAT, "error_type": "cancelled"}
        self.assertEqual(h.value("gen_ai_client_operation_duration_seconds", labels), (1, 0.0))


class AsyncAPIResource:
    """Named like openai's base class of async resources."""


_CREATED_COROUTINES: list = []


def _plain_def_wrapper(func):
    # openai-python's required_args: a plain def returning the coroutine, no __wrapped__.
    def wrapper(*args, **kwargs):
        coroutine = func(*args, **kwargs)
        _CREATED_COROUTINES.append(coroutine)
        return coroutine

    return wrapper


class _OpenAIStyleAsyncCompletions(AsyncAPIResource):
    def __init__(self, script: Script) -> None:
        self._script = script

    @_plain_def_wrapper
    async def create(self, **kwargs):
        return self._script.next("/chat/completions", kwargs)

    def stream(self, **kwargs):
        # Like openai's AsyncCompletions.stream: a plain def returning a manager.
        return ("stream-manager", kwargs)


class OpenAIStyleDetectionTest(unittest.TestCase):
    def test_async_resource_with_plain_def_decorator_gets_the_async_pipeline(self) -> None:
        h = Harness(draws=[0])
        script = Script([APIStatusError(502), completion()])
        raw = SimpleNamespace(base_url="https://api.example.test/v1",
                              chat=SimpleNamespace(completions=_OpenAIStyleAsyncCompletions(script)))  # fmt: skip
        client = h.wrap(raw)
        result = asyncio.run(client.chat.completions.create(model="gpt-4o-mini"))
        self.assertEqual(result.model, "gpt-4o-mini-2024-07-18")
        self.assertEqual(len(script.calls), 2)
        self.assertEqual(h.async_sleeper.sleeps, [0])
        self.assertEqual(h.value("keyshift_attempts_total", {**KEY, "outcome": "retryable"}), 1)

    def test_plain_def_returning_a_ready_object_passes_through(self) -> None:
        h = Harness()
        raw = SimpleNamespace(base_url="https://api.example.test/v1",
                              chat=SimpleNamespace(completions=_OpenAIStyleAsyncCompletions(Script([]))))  # fmt: skip
        client = h.wrap(raw)
        self.assertEqual(client.chat.completions.stream(model="m"), ("stream-manager", {"model": "m"}))
        self.assertEqual(h.value("keyshift_attempts_total", {**KEY, "gen_ai_request_model": "m",
                                                             "outcome": "success"}), 0)  # fmt: skip

    def test_refused_probe_call_closes_the_unawaited_coroutine(self) -> None:
        h = Harness(max_retries=0, breaker_consecutive_failures=1)
        script = Script([APIStatusError(500)])
        raw = SimpleNamespace(base_url="https://api.example.test/v1",
                              chat=SimpleNamespace(completions=_OpenAIStyleAsyncCompletions(script)))  # fmt: skip
        client = h.wrap(raw)
        with self.assertRaises(APIStatusError):
            asyncio.run(client.chat.completions.create(model="gpt-4o-mini"))
        _CREATED_COROUTINES.clear()
        with self.assertRaises(ks.CircuitOpenError):
            asyncio.run(client.chat.completions.create(model="gpt-4o-mini"))
        self.assertEqual(len(script.calls), 1)
        self.assertEqual(len(_CREATED_COROUTINES), 1)
        self.assertIsNone(_CREATED_COROUTINES[0].cr_frame)  # closed, so no "never awaited" warning

    def test_wrapping_twice_does_not_nest(self) -> None:
        h = Harness()
        raw = FakeOpenAI(Script([]))
        once = h.wrap(raw)
        twice = h.wrap(once)
        self.assertIs(type(ks.unwrap(twice)), FakeOpenAI)


class DefaultRegistryTest(unittest.TestCase):
    def test_wrap_without_options_reports_into_the_module_registry(self) -> None:
        client = ks.wrap(FakeOpenAI(Script([completion()]), base_url="https://default-registry.test/v1"))
        client.chat.completions.create(model="m-default")
        labels = {"server_address": "default-registry.test", "gen_ai_request_model": "m-default", "outcome": "success"}
        self.assertEqual(ks.default_registry().find("keyshift_attempts_total", labels).value, 1)
        self.assertIn('keyshift_attempts_total{server_address="default-registry.test",gen_ai_request_model='
                      '"m-default",outcome="success"} 1', ks.prometheus_text())  # fmt: skip
        names = [family["name"] for family in ks.metrics()["metrics"]]
        self.assertIn("gen_ai_client_operation_duration_seconds", names)


if __name__ == "__main__":
    unittest.main()
