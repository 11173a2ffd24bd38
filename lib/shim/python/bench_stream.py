"""Streaming overhead per chunk of keyshift_shim.wrap (SHIM_SPEC 1.9; not a test).

Iterates the same in-memory stream of chat chunks on a bare duck-typed client
and through wrap() (StreamProxy + StreamLease: model and usage of every
chunk, time to first chunk, the end's bookkeeping), and reports the
difference per chunk, best of --repeat rounds.

    python3 lib/shim/python/bench_stream.py [--chunks N] [--streams S] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from types import SimpleNamespace

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keyshift_shim  # noqa: E402

_CHUNK = SimpleNamespace(model="gpt-4o-mini-2024-07-18", usage=None, choices=[SimpleNamespace(index=0)])
_LAST = SimpleNamespace(model="gpt-4o-mini-2024-07-18", choices=[],
                        usage=SimpleNamespace(prompt_tokens=10, completion_tokens=1000))  # fmt: skip


class _Stream:
    def __init__(self, n: int) -> None:
        self.n = n
        self.response = SimpleNamespace(close=lambda: None)

    def __iter__(self):
        for _ in range(self.n - 1):
            yield _CHUNK
        yield _LAST

    def close(self) -> None:
        pass


class _Completions:
    def __init__(self, n: int) -> None:
        self.n = n

    def create(self, **kwargs):
        return _Stream(self.n)


def _client(n: int):
    return SimpleNamespace(base_url="https://llm-gateway.internal/v1", max_retries=2,
                           chat=SimpleNamespace(completions=_Completions(n)))  # fmt: skip


def _loop(client, streams: int, chunks: int) -> tuple[float, float]:
    c0, t0 = time.process_time(), time.perf_counter()
    for _ in range(streams):
        for _chunk in client.chat.completions.create(model="gpt-4o-mini", stream=True):
            pass
    per = streams * chunks
    return (time.process_time() - c0) * 1e9 / per, (time.perf_counter() - t0) * 1e9 / per


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=1000)
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bare = _client(args.chunks)
    wrapped = keyshift_shim.wrap(_client(args.chunks), metrics=keyshift_shim.MetricsRegistry())
    best = {"bare": (1e18, 1e18), "wrapped": (1e18, 1e18)}
    for _ in range(args.repeat):
        for name, client in (("bare", bare), ("wrapped", wrapped)):
            cpu, wall = _loop(client, args.streams, args.chunks)
            best[name] = (min(best[name][0], cpu), min(best[name][1], wall))
    print(f"{platform.python_implementation()} {platform.python_version()}, {args.chunks} chunks/stream, "
          f"{args.streams} streams, best of {args.repeat}; ns per chunk")  # fmt: skip
    for i, kind in enumerate(("cpu", "wall")):
        b, w = best["bare"][i], best["wrapped"][i]
        print(f"{kind:4}: bare {b:.0f}, wrapped {w:.0f}, overhead {w - b:.0f}")


if __name__ == "__main__":
    main()
