"""Exponential backoff with jitter when no Retry-After applies (SHIM_SPEC 1.3).

Delays are integer milliseconds: the ceiling is computed in integers, the
jittered value in double and then floored, matching the C++ and JS ports.
"""

from __future__ import annotations

import math

__all__ = ["DEFAULT_BASE_MS", "DEFAULT_CAP_MS", "MODES", "backoff_ceiling_ms", "backoff_ms"]

DEFAULT_BASE_MS = 500
DEFAULT_CAP_MS = 8000
MODES = ("full", "openai")
_INT64_MAX = (1 << 63) - 1


def backoff_ceiling_ms(retries_taken: int, base_ms: int = DEFAULT_BASE_MS, cap_ms: int = DEFAULT_CAP_MS) -> int:
    """min(cap, base * 2^n), saturating at int64 like the C++ reference."""
    n = max(0, int(retries_taken))
    if base_ms <= 0:
        return 0 if cap_ms > 0 else cap_ms
    # Past 63 doublings the product saturates anyway; this keeps the int small.
    grown = base_ms << n if n < 64 else _INT64_MAX
    return min(cap_ms, min(grown, _INT64_MAX))


def backoff_ms(
    retries_taken: int,
    u: float,
    base_ms: int = DEFAULT_BASE_MS,
    cap_ms: int = DEFAULT_CAP_MS,
    mode: str = "full",
) -> int:
    ceiling = backoff_ceiling_ms(retries_taken, base_ms, cap_ms)
    if mode == "full":
        return math.floor(u * ceiling)
    if mode == "openai":
        return math.floor(ceiling * (1.0 - u / 4.0))
    raise ValueError(f"backoff: unknown mode '{mode}'")
