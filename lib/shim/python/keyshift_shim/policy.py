"""Policy knobs of the shim with the defaults of SHIM_SPEC 1.1-1.7.

The names are exactly the "config" members of testdata/shim/README.md, so the
three ports share one vocabulary; wrap(client, **policy) takes them as keyword
arguments and rejects misspelt ones with a "did you mean".
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
from dataclasses import dataclass
from typing import Any

__all__ = ["Policy", "policy_from_config", "environment_policy"]

_OPTIONAL = frozenset({"total_timeout_ms", "attempt_timeout_ms", "breaker_probe_timeout_ms",
                       "limiter_max_wait_ms", "global_max_in_flight"})


@dataclass(frozen=True)
class Policy:
    # Retries (1.1, 1.3, 1.4).
    max_retries: int = 2
    backoff_mode: str = "full"
    base_ms: int = 500
    cap_ms: int = 8_000
    max_retry_after_ms: int = 120_000
    total_timeout_ms: int | None = None
    # Per-attempt timeout (1.10), passed to the SDK as timeout=; also a
    # committed stream's read (idle) timeout. None: the SDK's own.
    attempt_timeout_ms: int | None = None
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


def _type_ok(name: str, value: Any) -> bool:
    if name == "backoff_mode":
        return value in ("full", "openai")
    if name == "provider_name":
        return isinstance(value, str)
    if name == "breaker_counts_429":
        return isinstance(value, bool)
    if value is None:
        return name in _OPTIONAL
    return type(value) is int


def policy_from_config(base: Policy | None, config: Any, source: str = "config") -> Policy:
    """base with the members of a config object (the vectors' names) replaced.

    An unknown member or a value of the wrong type is a TypeError naming source.
    """
    if not isinstance(config, dict):
        raise TypeError(f"{source}: not a JSON object")
    names = {f.name for f in dataclasses.fields(Policy)}
    for name, value in config.items():
        if name not in names:
            raise TypeError(f"{source}: unknown member '{name}'")
        if not _type_ok(name, value):
            raise TypeError(f"{source}: {name}: wrong type or value {json.dumps(value)}")
    return dataclasses.replace(base or Policy(), **config)


def environment_policy(base: Policy, environ: Any = None) -> Policy:
    """base with the members of KEYSHIFT_SHIM_POLICY on top (SHIM_SPEC 1.11), if it is set."""
    text = (os.environ if environ is None else environ).get("KEYSHIFT_SHIM_POLICY")
    if not text:
        return base
    try:
        config = json.loads(text)
    except ValueError:
        raise TypeError("KEYSHIFT_SHIM_POLICY: not a JSON object") from None
    return policy_from_config(base, config, "KEYSHIFT_SHIM_POLICY")
