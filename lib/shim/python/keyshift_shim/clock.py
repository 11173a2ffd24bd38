"""Injected time, randomness and sleeping (SHIM_SPEC 1.0).

Every timing decision in the shim goes through these small interfaces so the
conformance vectors can drive the Python port with the same clock, random draws
and sleeps as the C++ and JS ports and get bit-identical results.
"""

from __future__ import annotations

import asyncio
import random
import time

__all__ = [
    "MonoClock",
    "WallClock",
    "Rng",
    "Sleeper",
    "AsyncSleeper",
    "SystemMonoClock",
    "SystemWallClock",
    "SystemRng",
    "SystemSleeper",
    "AsyncioSleeper",
]

_TWO_POW_MINUS_53 = 2.0**-53


class MonoClock:
    """Monotonic milliseconds; the only clock used for timing decisions."""

    def now_ms(self) -> int:
        raise NotImplementedError


class WallClock:
    """Unix epoch milliseconds; read only to evaluate an HTTP-date Retry-After."""

    def now_unix_ms(self) -> int:
        raise NotImplementedError


class Rng:
    """Uniform draws in [0, 1); one draw per computed backoff."""

    def next_unit(self) -> float:
        raise NotImplementedError


class Sleeper:
    def sleep(self, ms: int) -> None:
        raise NotImplementedError


class AsyncSleeper:
    async def sleep(self, ms: int) -> None:
        raise NotImplementedError


class SystemMonoClock(MonoClock):
    def now_ms(self) -> int:
        return time.monotonic_ns() // 1_000_000


class SystemWallClock(WallClock):
    def now_unix_ms(self) -> int:
        return time.time_ns() // 1_000_000


class SystemRng(Rng):
    """(next_u64 >> 11) * 2^-53, the construction all three ports share."""

    def __init__(self, seed: int | None = None) -> None:
        self._random = random.Random(seed)

    def next_unit(self) -> float:
        return (self._random.getrandbits(64) >> 11) * _TWO_POW_MINUS_53


class SystemSleeper(Sleeper):
    def sleep(self, ms: int) -> None:
        if ms > 0:
            time.sleep(ms / 1000.0)


class AsyncioSleeper(AsyncSleeper):
    async def sleep(self, ms: int) -> None:
        # Even a zero delay yields, so a retry loop never starves the event loop.
        await asyncio.sleep(ms / 1000.0 if ms > 0 else 0)
