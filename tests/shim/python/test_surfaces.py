"""The SDK surfaces beyond create() (SHIM_SPEC 1.9-1.11) against the mock proxy.

The client is the `openai` stand-in of fake_sdk/ (real HTTP over 127.0.0.1):
streams held to their end (break, close, cut, read timeout, deadline,
garbage collection), chat.completions.stream() through the pipeline,
with_raw_response / with_streaming_response, the client as a context
manager, copy() / with_options() staying wrapped, the per-attempt timeout,
KEYSHIFT_SHIM_POLICY. Sleeps go through a recording sleeper; nothing asserts
how long anything took.
"""

from __future__ import annotations

import asyncio
import gc
import os
import pathlib
import sys
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent / "fake_sdk"))

import openai  # noqa: E402 - the stand-in, not the real SDK

import keyshift_shim as ks  # noqa: E402
from mock_proxy import MockProxy, Step, chat_completion, chunk, scripted  # noqa: E402
from shim_fakes import ScriptedRng  # noqa: E402

KEY = {"server_address": "127.0.0.1", "gen_ai_request_model": "gpt-4o-mini"}
USAGE = {"prompt_tokens": 7, "completion_tokens": 2, "total_tokens": 9}
M = "gpt-4o-mini-x"


class NoSleep:
    """Sleeper and async sleeper: records, does not wait (the clock is real)."""

    def __init__(self) -> None:
        self.sleeps: list[int] = []

    def sleep(self, ms: int) -> None:
        self.sleeps.append(ms)


class AsyncNoSleep(NoSleep):
    async def sleep(self, ms: int) -> None:  # type: ignore[override]
        self.sleeps.append(ms)


def total(registry: ks.MetricsRegistry, metric: str, **labels: str) -> float:
    out = 0.0
    for family in registry.snapshot()["metrics"]:
        if family["name"] != metric:
            continue
        for series in family["series"]:
            if all(series["labels"].get(k) == v for k, v in labels.items()):
                out += series.get("value", series.get("count", 0))
    return out


class SurfaceTest(unittest.TestCase):
    def proxy(self, steps: list[Step]) -> MockProxy:
        proxy = MockProxy(scripted(steps))
        self.addCleanup(proxy.close)
        return proxy

    def wrapped(self, proxy: MockProxy, draws: list[float] | None = None, client_class=openai.OpenAI, **policy):
        self.registry = ks.MetricsRegistry()
        self.sleeper = NoSleep()
        client = client_class(api_key="sk-" + "test-surfaces", base_url=proxy.base_url)
        return ks.wrap(client, metrics=self.registry, rng=ScriptedRng(draws or []), sleeper=self.sleeper,
                       async_sleeper=AsyncNoSleep(), **policy)  # fmt: skip

    def metric(self, metric: str, **labels: str) -> float:
        return total(self.registry, metric, **labels)

    # -- streams ------------------------------------------------------------

    def test_stream_retried_before_commit_and_held_until_its_end(self) -> None:
        proxy = self.proxy([Step(status=503), Step(sse=[chunk(M, "he"), chunk(M, "llo"), chunk(M, usage=USAGE)])])
        client = self.wrapped(proxy, [0.5])
        stream = client.chat.completions.create(model="gpt-4o-mini", stream=True, messages=[])
        self.assertEqual(self.metric("keyshift_inflight_requests", **KEY), 1, "held while open")
        text = "".join(c.choices[0].delta.content for c in stream if c.choices)
        self.assertEqual(text, "hello")
        self.assertEqual(len(proxy.requests), 2)
        self.assertEqual(self.sleeper.sleeps, [250])
        self.assertEqual(self.metric("keyshift_inflight_requests", **KEY), 0)
        self.assertEqual(self.metric("keyshift_attempts_total", outcome="success"), 1)
        self.assertEqual(self.metric("gen_ai_client_operation_time_to_first_chunk_seconds",
                                     gen_ai_response_model=M), 1)  # fmt: skip
        tokens = self.registry.find("gen_ai_client_token_usage", {
            "gen_ai_operation_name": "chat", "gen_ai_provider_name": "openai", "gen_ai_token_type": "input",
            "gen_ai_request_model": "gpt-4o-mini", "gen_ai_response_model": M, "server_address": "127.0.0.1",
            "server_port": str(proxy.port), "openai_api_type": "chat_completions"})  # fmt: skip
        self.assertEqual((tokens.count, tokens.sum), (1, 7))

    def test_break_closes_the_stream_and_frees_its_permit(self) -> None:
        proxy = self.proxy([Step(sse=[chunk(M, "a"), chunk(M, "b")], then="stall")])
        client = self.wrapped(proxy)
        for _ in client.chat.completions.create(model="gpt-4o-mini", stream=True, messages=[]):
            break
        self.assertEqual(self.metric("keyshift_inflight_requests", **KEY), 0)
        self.assertEqual(self.metric("keyshift_attempts_total", outcome="ignored"), 1)
        self.assertEqual(self.metric("gen_ai_client_operation_duration_seconds", error_type="cancelled"), 1)

    def test_a_stream_dropped_unread_is_closed_when_collected(self) -> None:
        proxy = self.proxy([Step(sse=[chunk(M, "a")], then="stall")])
        client = self.wrapped(proxy)
        client.chat.completions.create(model="gpt-4o-mini", stream=True, messages=[])
        gc.collect()
        self.assertEqual(self.metric("keyshift_inflight_requests", **KEY), 0)
        self.assertEqual(self.metric("keyshift_attempts_total", outcome="ignored"), 1)

    def test_a_cut_stream_fails_and_is_not_retried(self) -> None:
        proxy = self.proxy([Step(sse=[chunk(M, "a"), chunk(M, "b")], then="cut"), Step(sse=[chunk(M, "x")])])
        client = self.wrapped(proxy)
        seen = []
        with self.assertRaises(openai.APIConnectionError) as caught:
            for c in client.chat.completions.create(model="gpt-4o-mini", stream=True, messages=[]):
                seen.append(c.choices[0].delta.content)
        self.assertEqual(caught.exception.keyshift_error_type, "connection_error")
        self.assertEqual(seen, ["a", "b"])
        self.assertEqual(len(proxy.requests), 1)
        self.assertEqual(self.metric("keyshift_attempts_total", outcome="retryable"), 1)
        self.assertEqual(self.metric("keyshift_retries_total"), 0)
        self.assertEqual(self.metric("gen_ai_client_operation_duration_seconds", error_type="connection_error"), 1)

    def test_the_attempt_timeout_bounds_each_read_of_a_stream(self) -> None:
        proxy = self.proxy([Step(sse=[chunk(M, "a")], then="stall")])
        client = self.wrapped(proxy, attempt_timeout_ms=150)
        seen = []
        with self.assertRaises(openai.APITimeoutError):
            for c in client.chat.completions.create(model="gpt-4o-mini", stream=True, messages=[]):
                seen.append(c)
        self.assertEqual(len(seen), 1)
        self.assertEqual(self.metric("gen_ai_client_operation_duration_seconds", error_type="timeout"), 1)
        self.assertEqual(self.metric("keyshift_inflight_requests", **KEY), 0)

    def test_the_attempt_timeout_reaches_the_sdk_and_is_retried(self) -> None:
        proxy = self.proxy([Step(fault="hang"), Step(body=chat_completion(M, "ok"))])
        client = self.wrapped(proxy, [0], attempt_timeout_ms=150)
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[])
        self.assertEqual(reply.choices[0].message.content, "ok")
        self.assertEqual(self.metric("keyshift_retries_total", reason="timeout"), 1)

    def test_chat_completions_stream_helper_goes_through_the_pipeline(self) -> None:
        proxy = self.proxy([Step(status=502), Step(sse=[chunk(M, "hi"), chunk(M, usage=USAGE)])])
        client = self.wrapped(proxy, [0])
        with client.chat.completions.stream(model="gpt-4o-mini", messages=[]) as stream:
            events = list(stream)
        self.assertEqual(stream.text, "hi")
        self.assertEqual(len(events), 2)
        self.assertEqual(len(proxy.requests), 2)
        self.assertEqual(self.metric("keyshift_attempts_total", outcome="success"), 1)
        self.assertEqual(self.metric("keyshift_inflight_requests", **KEY), 0)

    def test_leaving_the_helpers_with_block_early_closes_the_stream(self) -> None:
        proxy = self.proxy([Step(sse=[chunk(M, "a"), chunk(M, "b")], then="stall")])
        client = self.wrapped(proxy)
        with client.chat.completions.stream(model="gpt-4o-mini", messages=[]) as stream:
            next(iter(stream))
        self.assertEqual(self.metric("keyshift_attempts_total", outcome="ignored"), 1)
        self.assertEqual(self.metric("keyshift_inflight_requests", **KEY), 0)

    # -- other surfaces -----------------------------------------------------

    def test_a_failure_keeps_the_sdk_class_and_carries_its_error_type(self) -> None:
        proxy = self.proxy([Step(status=503), Step(status=503), Step(status=503)])
        client = self.wrapped(proxy, [0, 0])
        with self.assertRaises(openai.InternalServerError) as caught:
            client.embeddings.create(model="text-embedding-3-small", input="x")
        self.assertEqual(caught.exception.keyshift_error_type, "503")
        self.assertEqual(caught.exception.keyshift_reason, "max_retries")
        self.assertEqual(len(proxy.requests), 3)

    def test_with_raw_response_is_retried_and_reports_usage(self) -> None:
        proxy = self.proxy([Step(status=500), Step(body=chat_completion(M, "raw"), headers={"x-request-id": "r1"})])
        client = self.wrapped(proxy, [0])
        raw = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=[])
        self.assertEqual(raw.headers["x-request-id"], "r1")
        self.assertEqual(raw.parse().choices[0].message.content, "raw")
        self.assertEqual(self.metric("keyshift_retries_total", reason="status_5xx"), 1)
        self.assertEqual(self.metric("gen_ai_client_token_usage", gen_ai_token_type="output",
                                     openai_api_type="chat_completions"), 1)  # fmt: skip

    def test_with_streaming_response_holds_the_attempt_until_the_block_ends(self) -> None:
        proxy = self.proxy([Step(status=503), Step(sse=[chunk(M, "a")])])
        client = self.wrapped(proxy, [0])
        with client.chat.completions.with_streaming_response.create(model="gpt-4o-mini", messages=[]) as response:
            self.assertEqual(self.metric("keyshift_inflight_requests", **KEY), 1)
            lines = [line for line in response.iter_lines() if line.startswith("data:")]
        self.assertEqual(len(lines), 2)  # the chunk and [DONE]
        self.assertEqual(len(proxy.requests), 2)
        self.assertEqual(self.metric("keyshift_inflight_requests", **KEY), 0)
        self.assertEqual(self.metric("keyshift_attempts_total", outcome="success"), 1)
        self.assertEqual(self.metric("gen_ai_client_operation_duration_seconds",
                                     openai_api_type="chat_completions"), 1)  # fmt: skip

    def test_context_manager_copy_and_with_options_stay_wrapped(self) -> None:
        proxy = self.proxy([Step(status=503), Step(body=chat_completion(M, "1")), Step(status=503),
                            Step(body=chat_completion(M, "2"))])  # fmt: skip
        with self.wrapped(proxy, [0, 0]) as client:
            self.assertIsInstance(client, ks.WrappedClient)
            other = client.with_options(timeout=30)
            copied = client.copy()
            for c in (other, copied):
                self.assertIsInstance(c, ks.WrappedClient)
                self.assertEqual(ks.unwrap(c).max_retries, 0)
            self.assertEqual(other.chat.completions.create(model="gpt-4o-mini", messages=[]).choices[0].message.content, "1")
            self.assertEqual(copied.chat.completions.create(model="gpt-4o-mini", messages=[]).choices[0].message.content, "2")
        self.assertEqual(len(proxy.requests), 4)
        self.assertEqual(self.metric("keyshift_retries_total", reason="status_5xx"), 2)

    def test_async_stream_and_async_with(self) -> None:
        proxy = self.proxy([Step(status=503), Step(sse=[chunk(M, "a"), chunk(M, "b")], then="stall")])

        async def main() -> list:
            async with self.wrapped(proxy, [0], client_class=openai.AsyncOpenAI) as client:
                stream = await client.chat.completions.create(model="gpt-4o-mini", stream=True, messages=[])
                seen = []
                async with stream:
                    async for c in stream:
                        seen.append(c.choices[0].delta.content)
                        break
                return seen

        self.assertEqual(asyncio.run(main()), ["a"])
        self.assertEqual(len(proxy.requests), 2)
        self.assertEqual(self.metric("keyshift_inflight_requests", **KEY), 0)
        self.assertEqual(self.metric("keyshift_attempts_total", outcome="ignored"), 1)

    def test_keyshift_shim_policy_overrides_the_code(self) -> None:
        saved = os.environ.get("KEYSHIFT_SHIM_POLICY")
        os.environ["KEYSHIFT_SHIM_POLICY"] = '{"max_retries": 0, "attempt_timeout_ms": 250}'
        try:
            shim = ks.Shim(max_retries=5)
            self.assertEqual(shim.policy.max_retries, 0)
            self.assertEqual(shim.policy.attempt_timeout_ms, 250)
            os.environ["KEYSHIFT_SHIM_POLICY"] = '{"max_retry": 1}'
            with self.assertRaisesRegex(TypeError, "KEYSHIFT_SHIM_POLICY: unknown member 'max_retry'"):
                ks.Shim()
        finally:
            if saved is None:
                os.environ.pop("KEYSHIFT_SHIM_POLICY", None)
            else:
                os.environ["KEYSHIFT_SHIM_POLICY"] = saved
        with self.assertRaisesRegex(TypeError, "P: base_ms: wrong type"):
            ks.policy_from_config(None, {"base_ms": "5"}, "P")


if __name__ == "__main__":
    unittest.main()
