"""Exceptions the shim raises itself, when no upstream exception can stand for the failure.

Upstream errors (an SDK's RateLimitError, a timeout) are re-raised unchanged
so that code written against the SDK keeps working once wrapped.
"""

from __future__ import annotations

__all__ = ["ShimError", "CircuitOpenError", "ConcurrencyLimitError", "StreamTimeoutError", "annotate"]


class ShimError(Exception):
    """Base of the shim's own rejections; error_type is the metric's error.type."""

    error_type = "_OTHER"

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class CircuitOpenError(ShimError):
    error_type = "circuit_open"

    def __init__(self, key: str, retry_after_ms: int) -> None:
        super().__init__(f"{key}: circuit open, retry after {retry_after_ms} ms", "circuit_open")
        self.retry_after_ms = retry_after_ms


class ConcurrencyLimitError(ShimError):
    """reason is "queue_full" or "timeout"."""

    error_type = "concurrency_limit"

    def __init__(self, reason: str, key: str = "") -> None:
        prefix = f"{key}: " if key else ""
        super().__init__(f"{prefix}concurrency limit: {reason}", reason)


class StreamTimeoutError(ShimError):
    """A committed stream was still open at the call's deadline (SHIM_SPEC 1.10)."""

    error_type = "timeout"

    def __init__(self, key: str = "") -> None:
        prefix = f"{key}: " if key else ""
        super().__init__(f"{prefix}stream still open at the call's deadline", "timeout")


def annotate(exc: BaseException, error_type: str | None, reason: str | None) -> None:
    """Tag a raised exception with the call's error_type label and give-up reason.

    The exception itself is the SDK's, unchanged, so existing except clauses
    keep working; keyshift_error_type tells which documented outcome it is.
    """
    try:
        exc.keyshift_error_type = error_type  # type: ignore[attr-defined]
        exc.keyshift_reason = reason  # type: ignore[attr-defined]
    except AttributeError:
        pass  # an exception type with __slots__ keeps its identity
