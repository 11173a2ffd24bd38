"""keyshift runtime shim for Python: retries, circuit breaker, concurrency limit, metrics.

The Python port of the behaviour in SHIM_SPEC.md (stdlib only). Most users
need only wrap(), metrics() and prometheus_text(); the building blocks are
exported for use around other transports and for the conformance tests.
"""

from __future__ import annotations

from .backoff import backoff_ceiling_ms, backoff_ms
from .breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker, Ticket
from .budget import RetryBudget
from .classify import (
    FAILURE,
    FATAL,
    IGNORED,
    RETRYABLE,
    SUCCESS,
    Classification,
    Observation,
    classify,
    observation_from_exception,
    observation_from_response,
)
from .clock import (
    AsyncioSleeper,
    AsyncSleeper,
    MonoClock,
    Rng,
    Sleeper,
    SystemMonoClock,
    SystemRng,
    SystemSleeper,
    SystemWallClock,
    WallClock,
)
from .endpoint import endpoint_labels
from .errors import CircuitOpenError, ConcurrencyLimitError, ShimError, StreamTimeoutError
from .limiter import AsyncLimiter, Limiter, LimiterCore, Waiter
from .metrics import DURATION_BUCKETS, METRICS, TOKEN_BUCKETS, MetricsRegistry
from .pipeline import CallReport, KeyState, Shim, default_result_info
from .policy import Policy, environment_policy, policy_from_config
from .retry_after import RetryAfter, parse_retry_after
from .stream import StreamLease, stream_end_of_exception
from .wrap import WrappedClient, default_registry, metrics, prometheus_text, unwrap, wrap

__version__ = "0.1.0"

__all__ = [
    "AsyncLimiter",
    "AsyncSleeper",
    "AsyncioSleeper",
    "CLOSED",
    "CallReport",
    "CircuitBreaker",
    "CircuitOpenError",
    "Classification",
    "ConcurrencyLimitError",
    "DURATION_BUCKETS",
    "FAILURE",
    "FATAL",
    "HALF_OPEN",
    "IGNORED",
    "KeyState",
    "Limiter",
    "LimiterCore",
    "METRICS",
    "MetricsRegistry",
    "MonoClock",
    "OPEN",
    "Observation",
    "Policy",
    "RETRYABLE",
    "RetryAfter",
    "RetryBudget",
    "Rng",
    "SUCCESS",
    "Shim",
    "ShimError",
    "StreamLease",
    "StreamTimeoutError",
    "Sleeper",
    "SystemMonoClock",
    "SystemRng",
    "SystemSleeper",
    "SystemWallClock",
    "TOKEN_BUCKETS",
    "Ticket",
    "Waiter",
    "WallClock",
    "WrappedClient",
    "backoff_ceiling_ms",
    "backoff_ms",
    "classify",
    "default_registry",
    "default_result_info",
    "endpoint_labels",
    "environment_policy",
    "metrics",
    "observation_from_exception",
    "observation_from_response",
    "parse_retry_after",
    "policy_from_config",
    "prometheus_text",
    "stream_end_of_exception",
    "unwrap",
    "wrap",
]
