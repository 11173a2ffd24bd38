"""Deterministic stand-ins for the shim's injected clock, RNG and sleepers.

Shared by the vector runner and the unit tests: the sleepers advance the fake
monotonic clock instead of waiting, and the RNG hands out a scripted list.
"""

from __future__ import annotations

import os
import pathlib


def testdata_dir() -> pathlib.Path:
    root = os.environ.get("KEYSHIFT_SOURCE_DIR")
    if root:
        return pathlib.Path(root) / "testdata" / "shim"
    return pathlib.Path(__file__).resolve().parents[3] / "testdata" / "shim"


class FakeClock:
    """MonoClock and WallClock in one: wall = wall_at_mono_zero + mono."""

    def __init__(self, now: int = 0, wall_at_mono_zero_ms: int = 0) -> None:
        self.now = now
        self.wall_at_mono_zero_ms = wall_at_mono_zero_ms

    def now_ms(self) -> int:
        return self.now

    def now_unix_ms(self) -> int:
        return self.wall_at_mono_zero_ms + self.now

    def set(self, now: int) -> None:
        if now < self.now:
            raise AssertionError(f"fake clock: time would go backwards from {self.now} to {now}")
        self.now = now


class ScriptedRng:
    def __init__(self, draws: list[float]) -> None:
        self.draws = list(draws)
        self.used = 0

    def next_unit(self) -> float:
        if self.used >= len(self.draws):
            raise AssertionError(f"rng: asked for draw {self.used + 1} but only {len(self.draws)} are scripted")
        value = self.draws[self.used]
        self.used += 1
        return value

    def unused(self) -> int:
        return len(self.draws) - self.used


class RecordingSleeper:
    """Sleeper and AsyncSleeper: records each sleep and advances the clock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.sleeps: list[int] = []

    def sleep(self, ms: int) -> None:
        self.sleeps.append(ms)
        self.clock.now += ms


class RecordingAsyncSleeper(RecordingSleeper):
    async def sleep(self, ms: int) -> None:  # type: ignore[override]
        self.sleeps.append(ms)
        self.clock.now += ms
