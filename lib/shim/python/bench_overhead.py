"""Per-call overhead of keyshift_shim.wrap against a no-op client (not a test).

Measures client.chat.completions.create(...) through wrap() minus the same call
on the bare client, with real clocks and the success path (CLOSED breaker,
free limiter permit, usage-bearing response). Target: <= 5 us per call.

    python3 lib/shim/python/bench_overhead.py [--calls N] [--repeat R]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import time
from types import SimpleNamespace

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keyshift_shim  # noqa: E402

_RESULT = SimpleNamespace(
    id="chatcmpl-bench",
    model="gpt-4o-mini-2024-07-18",
    usage=SimpleNamespace(prompt_tokens=12, completion_tokens=5, total_tokens=17),
)


class _Completions:
    def create(self, **kwargs):
        return _RESULT


class _AsyncCompletions:
    async def create(self, **kwargs):
        return _RESULT


class NoOpClient:
    base_url = "https://api.example.test/v1"
    max_retries = 2

    def __init__(self, completions=None) -> None:
        self.chat = SimpleNamespace(completions=completions or _Completions())

    def with_options(self, **options):
        return self


class AsyncNoOpClient(NoOpClient):
    def __init__(self) -> None:
        super().__init__(_AsyncCompletions())


def _best_ns_per_call(fn, calls: int, repeat: int, clock) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        fn(calls)
        best = min(best, (clock() - start) / calls)
    return best


def _sync_loop(client):
    create = client.chat.completions.create

    def run(n: int) -> None:
        for _ in range(n):
            create(model="gpt-4o-mini", messages=())

    return run


def _sync_loop_full_path(client):
    # Attribute walk on every call, as application code usually writes it.
    def run(n: int) -> None:
        for _ in range(n):
            client.chat.completions.create(model="gpt-4o-mini", messages=())

    return run


def _async_loop(client):
    create = client.chat.completions.create

    def run(n: int) -> None:
        async def main() -> None:
            for _ in range(n):
                await create(model="gpt-4o-mini", messages=())

        asyncio.run(main())

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    bare, bare_async = NoOpClient(), AsyncNoOpClient()
    wrapped = keyshift_shim.wrap(NoOpClient(), metrics=keyshift_shim.MetricsRegistry())
    wrapped_async = keyshift_shim.wrap(AsyncNoOpClient(), metrics=keyshift_shim.MetricsRegistry())

    rows = [
        ("sync, bound method", _sync_loop(bare), _sync_loop(wrapped)),
        ("sync, client.chat.completions.create", _sync_loop_full_path(bare), _sync_loop_full_path(wrapped)),
        ("async, bound method", _async_loop(bare_async), _async_loop(wrapped_async)),
    ]
    print(f"python {platform.python_version()} ({platform.python_implementation()}), {platform.machine()}, "
          f"{os.cpu_count()} cpu; calls={args.calls} repeat={args.repeat} (best of)")  # fmt: skip
    # CPU time as well as wall time: on a shared machine the wall clock also
    # counts the time this process waited for a core.
    clocks = (("wall", time.perf_counter_ns), ("cpu", time.process_time_ns))
    print(f"{'case':40} {'clock':>5} {'bare ns':>9} {'wrapped ns':>11} {'overhead ns':>12}")
    for name, bare_run, wrapped_run in rows:
        bare_run(1000)
        wrapped_run(1000)
        for clock_name, clock in clocks:
            base = _best_ns_per_call(bare_run, args.calls, args.repeat, clock)
            shimmed = _best_ns_per_call(wrapped_run, args.calls, args.repeat, clock)
            print(f"{name:40} {clock_name:>5} {base:9.0f} {shimmed:11.0f} {shimmed - base:12.0f}")


if __name__ == "__main__":
    main()
