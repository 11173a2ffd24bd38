"""Policy knobs of the shim with the defaults of SHIM_SPEC 1.1-1.7.

The names are exactly the "config" members of testdata/shim/README.md, so the
three ports share one vocabulary; wrap(client, **policy) takes them as keyword
arguments and rejects misspelt ones with a "did you mean".
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from typing import Any

__all__ = ["Policy"]


@dataclass(frozen=True)
class Policy:
    # Retries (1.1, 1.3, 1.4).
    max_retries: int = 2
    backoff_mode: str = "full"
    base_ms: int = 500
    cap_ms: int = 8_000
    max_retry_after_ms: int = 120_000
    total_timeout_ms: int | None = None
    # Retry budget (1.5).
    budget_max_tokens: int = 10
    budget_token_ratio_milli: int = 100
    # Circuit breaker (1.6).
    breaker_counts_429: bool = False
    breaker_window_size: int = 20
    breaker_min_calls: int = 10
    breaker_failure_rate_pct: int = 50
    breaker_consecutive_failures: int = 5
    breaker_open_base_ms: int = 30_000
    breaker_open_max_ms: int = 300_000
    breaker_probe_timeout_ms: int | None = None
    # Concurrency limiter (1.7), per key; global_max_in_flight adds a cap over all keys.
    limiter_max_in_flight: int = 64
    limiter_max_queue: int = 1024
    limiter_max_wait_ms: int | None = 60_000
    global_max_in_flight: int | None = None
    # Metric labels.
    provider_name: str = "openai"

    @classmethod
    def from_kwargs(cls, base: "Policy | None" = None, **kwargs: Any) -> "Policy":
        names = sorted(f.name for f in dataclasses.fields(cls))
        for key in kwargs:
            if key not in names:
                close = difflib.get_close_matches(key, names, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise TypeError(f"keyshift_shim policy: unknown option '{key}'{hint}")
        mode = kwargs.get("backoff_mode", "full")
        if mode not in ("full", "openai"):
            raise ValueError(f"keyshift_shim policy: backoff_mode: expected 'full' or 'openai', got {mode!r}")
        return dataclasses.replace(base or cls(), **kwargs)
