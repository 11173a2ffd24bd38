"""Retry budget with gRPC A6 throttling semantics, per breaker key (SHIM_SPEC 1.5).

Tokens are integer milli-tokens so that the ports agree exactly; gRPC itself
allows three decimal places for the ratio.
"""

from __future__ import annotations

import threading
from typing import Any

from .classify import RETRYABLE, SUCCESS

__all__ = ["RetryBudget"]


class RetryBudget:
    def __init__(self, max_tokens: int = 10, token_ratio_milli: int = 100, lock: Any = None) -> None:
        self._max_milli = int(max_tokens) * 1000
        self._ratio_milli = int(token_ratio_milli)
        self._tokens = self._max_milli
        self._lock = lock if lock is not None else threading.Lock()

    @property
    def tokens_milli(self) -> int:
        return self._tokens

    @property
    def max_milli(self) -> int:
        return self._max_milli

    def record(self, attempt_outcome: str) -> int:
        """Account one attempt's outcome; fatal and ignored leave tokens alone."""
        with self._lock:
            return self.record_locked(attempt_outcome)

    def record_locked(self, attempt_outcome: str) -> int:
        """record() for a caller that already holds the budget's lock."""
        if attempt_outcome == SUCCESS:
            tokens = self._tokens + self._ratio_milli
            self._tokens = tokens if tokens < self._max_milli else self._max_milli
        elif attempt_outcome == RETRYABLE:
            tokens = self._tokens - 1000
            self._tokens = tokens if tokens > 0 else 0
        return self._tokens

    def allow_retry(self) -> bool:
        # tokens > max/2, with max in whole tokens: max*1000/2 is exact.
        return self._tokens > self._max_milli // 2
