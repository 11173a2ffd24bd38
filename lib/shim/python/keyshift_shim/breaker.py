"""Count-based circuit breaker with half-open probe generations (SHIM_SPEC 1.6).

CLOSED admission is a single attribute read with no lock and no clock read;
the open and half-open paths take the lock. A generation counter changes on
every transition and every probe grant, and a permit from another generation
is ignored when recorded: a call admitted before a trip, or a probe that
outlived probe_timeout, cannot move the circuit (SHIM_SPEC 1.6).
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable

from .classify import FAILURE, IGNORED, SUCCESS

__all__ = ["CLOSED", "OPEN", "HALF_OPEN", "STATE_GAUGE", "Ticket", "CircuitBreaker"]

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half_open"
STATE_GAUGE = {CLOSED: 0, OPEN: 1, HALF_OPEN: 2}


@dataclass(frozen=True)
class Ticket:
    """The answer of try_acquire; pass it back to record()."""

    admitted: bool
    probe: bool = False
    generation: int = 0
    retry_after_ms: int = 0


class CircuitBreaker:
    def __init__(
        self,
        window_size: int = 20,
        min_calls: int = 10,
        failure_rate_pct: int = 50,
        consecutive_failures: int = 5,
        open_base_ms: int = 30_000,
        open_max_ms: int = 300_000,
        probe_timeout_ms: int | None = None,
        clock: Any = None,
        on_transition: Callable[[str, str], None] | None = None,
        lock: Any = None,
    ) -> None:
        """on_transition(from, to) runs with `lock` held; lock may be shared with other per-key state."""
        if window_size < 1:
            raise ValueError("breaker: window_size must be at least 1")
        self.window_size = window_size
        self.min_calls = min(min_calls, window_size)
        self.failure_rate_pct = failure_rate_pct
        self.consecutive_failures = consecutive_failures
        self.open_base_ms = open_base_ms
        self.open_max_ms = open_max_ms
        self.probe_timeout_ms = open_base_ms if probe_timeout_ms is None else probe_timeout_ms
        self._clock = clock
        self._on_transition = on_transition
        self._lock = lock if lock is not None else threading.Lock()
        self._state = CLOSED
        self._generation = 0
        # Set only while CLOSED: the whole admission fast path is reading it.
        self._closed_ticket: Ticket | None = Ticket(True, False, 0)
        self._ring: deque[bool] = deque(maxlen=window_size)  # True = failure
        self._failures = 0
        self._consec = 0
        self._k = 0
        self._open_until = 0
        self._probe_out = False
        self._probe_deadline = 0

    # -- introspection (metrics, tests, vectors) ----------------------------

    @property
    def state(self) -> str:
        return self._state

    @property
    def open_until_ms(self) -> int:
        return self._open_until

    @property
    def trip_count(self) -> int:
        """The spec's k: how many times the circuit opened since it last closed."""
        return self._k

    @property
    def consecutive_failures_now(self) -> int:
        return self._consec

    @property
    def window_calls(self) -> int:
        return len(self._ring)

    @property
    def window_failures(self) -> int:
        return self._failures

    # -- state machine ------------------------------------------------------

    def _now(self, now_ms: int | None) -> int:
        if now_ms is not None:
            return now_ms
        if self._clock is None:
            raise ValueError("breaker: no time given and no clock injected")
        return self._clock.now_ms()

    def _move(self, to: str) -> None:
        before = self._state
        self._generation += 1
        self._state = to
        self._closed_ticket = Ticket(True, False, self._generation) if to == CLOSED else None
        if self._on_transition is not None:
            self._on_transition(before, to)

    def _open(self, now: int) -> None:
        self._k += 1
        self._open_until = now + min(self.open_base_ms * self._k, self.open_max_ms)
        self._probe_out = False
        self._move(OPEN)

    def _grant_probe(self, now: int) -> Ticket:
        self._generation += 1
        self._probe_out = True
        self._probe_deadline = now + self.probe_timeout_ms
        return Ticket(True, True, self._generation)

    def try_acquire(self, now_ms: int | None = None) -> Ticket:
        ticket = self._closed_ticket
        if ticket is not None:
            return ticket
        with self._lock:
            if self._closed_ticket is not None:
                return self._closed_ticket
            now = self._now(now_ms)
            if self._state == OPEN:
                if now < self._open_until:
                    return Ticket(False, retry_after_ms=self._open_until - now)
                self._move(HALF_OPEN)
                return self._grant_probe(now)
            if not self._probe_out or now >= self._probe_deadline:
                return self._grant_probe(now)
            return Ticket(False, retry_after_ms=self._probe_deadline - now)

    def record(self, ticket: Ticket, outcome: str, now_ms: int | None = None) -> None:
        if not ticket.admitted or outcome == IGNORED and not ticket.probe:
            return
        with self._lock:
            self.record_locked(ticket, outcome, now_ms)

    def record_locked(self, ticket: Ticket, outcome: str, now_ms: int | None = None) -> None:
        """record() for a caller that already holds the breaker's lock."""
        if not ticket.admitted or ticket.generation != self._generation:
            return
        if ticket.probe:
            if outcome == SUCCESS:
                self._ring.clear()
                self._failures = 0
                self._consec = 0
                self._k = 0
                self._probe_out = False
                self._move(CLOSED)
            elif outcome == FAILURE:
                self._open(self._now(now_ms))
            else:
                self._probe_out = False
            return
        if outcome == IGNORED:
            return
        failed = outcome == FAILURE
        ring = self._ring
        if len(ring) == ring.maxlen and ring[0]:
            self._failures -= 1
        ring.append(failed)
        if failed:
            self._failures += 1
            self._consec += 1
        else:
            self._consec = 0
        n = len(ring)
        if self._consec >= self.consecutive_failures or (
            n >= self.min_calls and self._failures * 100 >= self.failure_rate_pct * n
        ):
            self._open(self._now(now_ms))
