"""Concurrency limiter: FIFO waiters, direct hand-off, queue cap and timeouts (SHIM_SPEC 1.7).

LimiterCore is the deterministic bookkeeping that the conformance vectors
drive with explicit timestamps: every operation first times out the waiters
due at `now`, then acts (the spec's same-timestamp rule). Limiter (threads)
and AsyncLimiter (one asyncio loop) add real waiting around it. A release hands
the permit straight to the head waiter, so a newcomer never barges ahead.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from typing import Any

from .errors import ConcurrencyLimitError

__all__ = [
    "GRANTED",
    "QUEUED",
    "QUEUE_FULL",
    "TIMEOUT",
    "Waiter",
    "LimiterCore",
    "Limiter",
    "AsyncLimiter",
    "ConcurrencyLimitError",
]

GRANTED = "granted"
QUEUED = "queued"
QUEUE_FULL = "queue_full"
TIMEOUT = "timeout"
CANCELLED = "cancelled"
WAITING = "waiting"


class Waiter:
    __slots__ = ("name", "timeout_at", "state", "wake")

    def __init__(self, name: Any = None) -> None:
        self.name = name
        self.timeout_at: int | None = None
        self.state = WAITING
        self.wake: Any = None


class LimiterCore:
    """Not thread-safe by itself; the wrappers serialise access."""

    def __init__(self, max_in_flight: int = 64, max_queue: int = 1024, max_wait_ms: int | None = 60_000) -> None:
        if max_in_flight < 1:
            raise ValueError("limiter: max_in_flight must be at least 1")
        self.max_in_flight = max_in_flight
        self.max_queue = max_queue
        self.max_wait_ms = max_wait_ms
        self.in_flight = 0
        self.queue: deque[Waiter] = deque()

    def advance(self, now: int) -> list[Waiter]:
        """Time out, in FIFO order, every waiter whose timeout_at <= now."""
        if not self.queue:
            return []
        expired = [w for w in self.queue if w.timeout_at is not None and w.timeout_at <= now]
        for waiter in expired:
            self.queue.remove(waiter)
            waiter.state = TIMEOUT
        return expired

    def acquire(self, waiter: Waiter, now: int, deadline: int | None = None) -> tuple[str, list[Waiter]]:
        """GRANTED, QUEUED or QUEUE_FULL, plus the waiters that timed out first."""
        expired = self.advance(now)
        if self.in_flight < self.max_in_flight:
            self.in_flight += 1
            waiter.state = GRANTED
            return GRANTED, expired
        if len(self.queue) >= self.max_queue:
            waiter.state = QUEUE_FULL
            return QUEUE_FULL, expired
        timeout_at = None if self.max_wait_ms is None else now + self.max_wait_ms
        if deadline is not None and (timeout_at is None or deadline < timeout_at):
            timeout_at = deadline
        waiter.timeout_at = timeout_at
        waiter.state = WAITING
        self.queue.append(waiter)
        return QUEUED, expired

    def release(self, now: int) -> tuple[Waiter | None, list[Waiter]]:
        """Free one permit: the waiter it was handed to (if any), plus the timed-out waiters."""
        expired = self.advance(now)
        if self.queue:
            waiter = self.queue.popleft()
            waiter.state = GRANTED
            return waiter, expired
        if self.in_flight > 0:
            self.in_flight -= 1
        return None, expired

    def cancel(self, waiter: Waiter, now: int | None = None) -> tuple[bool, list[Waiter]]:
        """Drop a queued waiter; False if it was no longer queued."""
        expired = self.advance(now) if now is not None else []
        try:
            self.queue.remove(waiter)
        except ValueError:
            return False, expired
        waiter.state = CANCELLED
        return True, expired


def _monotonic_ms() -> int:
    return time.monotonic_ns() // 1_000_000


class Limiter:
    """Blocking limiter for threads; acquire() returns the queue wait in ms.

    `lock` may be shared with other per-key state; the *_locked methods expect
    it held. Waiting never happens with the lock held.
    """

    def __init__(
        self,
        max_in_flight: int = 64,
        max_queue: int = 1024,
        max_wait_ms: int | None = 60_000,
        clock: Any = None,
        lock: Any = None,
    ) -> None:
        self.core = LimiterCore(max_in_flight, max_queue, max_wait_ms)
        self._lock = lock if lock is not None else threading.Lock()
        self._now = clock.now_ms if clock is not None else _monotonic_ms

    @property
    def in_flight(self) -> int:
        return self.core.in_flight

    @property
    def queued(self) -> int:
        return len(self.core.queue)

    def try_acquire_locked(self) -> bool:
        """A permit without reading the clock when nobody waits, else False."""
        core = self.core
        if core.in_flight < core.max_in_flight and not core.queue:
            core.in_flight += 1
            return True
        return False

    def try_acquire_fast(self) -> bool:
        with self._lock:
            return self.try_acquire_locked()

    def acquire(self, deadline_ms: int | None = None) -> int:
        """Block for a permit; returns the wait in ms or raises ConcurrencyLimitError."""
        waiter = Waiter()
        waiter.wake = threading.Event()
        with self._lock:
            start = self._now()
            result, expired = self.core.acquire(waiter, start, deadline_ms)
        self.wake(expired)
        if result == GRANTED:
            return 0
        if result == QUEUE_FULL:
            raise ConcurrencyLimitError(QUEUE_FULL)
        while True:
            timeout = None if waiter.timeout_at is None else max(0, waiter.timeout_at - self._now()) / 1000.0
            waiter.wake.wait(timeout)
            with self._lock:
                now = self._now()
                if waiter.state == GRANTED:
                    return max(0, now - start)
                if waiter.state == TIMEOUT or (waiter.timeout_at is not None and now >= waiter.timeout_at):
                    self.core.cancel(waiter)
                    waiter.state = TIMEOUT
                    raise ConcurrencyLimitError(TIMEOUT)

    def release_fast_locked(self) -> None:
        """release_locked() when the caller saw an empty queue under the lock."""
        if self.core.in_flight > 0:
            self.core.in_flight -= 1

    def release_locked(self) -> list[Waiter] | None:
        """Free a permit; returns waiters to wake() once the lock is released."""
        core = self.core
        if not core.queue:
            if core.in_flight > 0:
                core.in_flight -= 1
            return None
        waiter, expired = core.release(self._now())
        if waiter is not None:
            expired.append(waiter)
        return expired

    @staticmethod
    def wake(waiters: list[Waiter] | None) -> None:
        if waiters:
            for waiter in waiters:
                waiter.wake.set()

    def release(self) -> None:
        with self._lock:
            waiters = self.release_locked()
        self.wake(waiters)


class AsyncLimiter:
    """Limiter for the coroutines of one event loop; timeouts are loop timers."""

    def __init__(
        self,
        max_in_flight: int = 64,
        max_queue: int = 1024,
        max_wait_ms: int | None = 60_000,
        clock: Any = None,
        lock: Any = None,
    ) -> None:
        self.core = LimiterCore(max_in_flight, max_queue, max_wait_ms)
        self._now = clock.now_ms if clock is not None else _monotonic_ms
        # Only guards against threads touching the same key's other state; the
        # waiters themselves belong to one event loop.
        self._lock = lock if lock is not None else threading.Lock()

    @property
    def in_flight(self) -> int:
        return self.core.in_flight

    @property
    def queued(self) -> int:
        return len(self.core.queue)

    def try_acquire_locked(self) -> bool:
        core = self.core
        if core.in_flight < core.max_in_flight and not core.queue:
            core.in_flight += 1
            return True
        return False

    def try_acquire_fast(self) -> bool:
        with self._lock:
            return self.try_acquire_locked()

    async def acquire(self, deadline_ms: int | None = None) -> int:
        loop = asyncio.get_running_loop()
        waiter = Waiter()
        waiter.wake = loop.create_future()
        with self._lock:
            start = self._now()
            result, expired = self.core.acquire(waiter, start, deadline_ms)
        self._wake(expired, False)
        if result == GRANTED:
            return 0
        if result == QUEUE_FULL:
            raise ConcurrencyLimitError(QUEUE_FULL)
        timer = None
        if waiter.timeout_at is not None:
            timer = loop.call_later(max(0, waiter.timeout_at - start) / 1000.0, self._expire, waiter)
        try:
            granted = await waiter.wake
        except asyncio.CancelledError:
            if waiter.state == GRANTED:
                # Handed a permit in the same tick we were cancelled: pass it on.
                self.release()
            else:
                with self._lock:
                    self.core.cancel(waiter)
            raise
        finally:
            if timer is not None:
                timer.cancel()
        if not granted:
            raise ConcurrencyLimitError(TIMEOUT)
        return max(0, self._now() - start)

    @staticmethod
    def _wake(waiters: list[Waiter], granted: bool) -> None:
        for waiter in waiters:
            if not waiter.wake.done():
                waiter.wake.set_result(granted)

    def _expire(self, waiter: Waiter) -> None:
        with self._lock:
            expired = waiter.state == WAITING and self.core.cancel(waiter)[0]
        if expired:
            waiter.state = TIMEOUT
            self._wake([waiter], False)

    def release_fast_locked(self) -> None:
        """release_locked() when the caller saw an empty queue under the lock."""
        if self.core.in_flight > 0:
            self.core.in_flight -= 1

    def release_locked(self) -> tuple[list[Waiter], Waiter | None] | None:
        """Free a permit; pass the result to wake() once the lock is released."""
        core = self.core
        if not core.queue:
            if core.in_flight > 0:
                core.in_flight -= 1
            return None
        waiter, expired = core.release(self._now())
        return expired, waiter

    def wake(self, released: tuple[list[Waiter], Waiter | None] | None) -> None:
        if released is not None:
            expired, waiter = released
            self._wake(expired, False)
            if waiter is not None:
                self._wake([waiter], True)

    def release(self) -> None:
        with self._lock:
            released = self.release_locked()
        self.wake(released)
