"""Turns one attempt's observation into a retry class and a breaker outcome (SHIM_SPEC 1.2).

Observations come from HTTP responses, from SDK exceptions (duck-typed on
status_code / response.headers / body, and on exception class names for
connection errors and timeouts), or straight from the conformance vectors.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .headers import get_header
from .retry_after import DEFAULT_MAX_RETRY_AFTER_MS, RETRY_AFTER_NONE, RetryAfter, parse_retry_after

__all__ = [
    "SUCCESS",
    "RETRYABLE",
    "FATAL",
    "FAILURE",
    "IGNORED",
    "Observation",
    "Classification",
    "classify",
    "observation_from_exception",
    "observation_from_response",
]

# Retry classes.
SUCCESS = "success"
RETRYABLE = "retryable"
FATAL = "fatal"
# Breaker outcomes (SUCCESS is shared with the retry classes).
FAILURE = "failure"
IGNORED = "ignored"

# Error kinds of an attempt that produced no response.
ERROR_CONNECTION = "connection_error"
ERROR_TIMEOUT = "timeout"
ERROR_CANCELLED = "cancelled"
ERROR_OTHER = "other"

_TIMEOUT_CLASS_NAMES = frozenset(
    {"APITimeoutError", "TimeoutError", "TimeoutException", "ConnectTimeout", "ReadTimeout",
     "WriteTimeout", "PoolTimeout", "Timeout", "ReadTimeoutError", "ConnectTimeoutError"}
)  # fmt: skip
_CONNECTION_CLASS_NAMES = frozenset(
    {"APIConnectionError", "ConnectionError", "ConnectError", "NetworkError", "RemoteProtocolError",
     "ProtocolError", "ReadError", "WriteError", "NewConnectionError", "SSLError", "gaierror"}
)  # fmt: skip
_CANCELLED_CLASS_NAMES = frozenset({"CancelledError", "KeyboardInterrupt", "APIUserAbortError"})


@dataclass
class Observation:
    """What one attempt produced: a status with headers and body, or an error kind."""

    status: int | None = None
    headers: Any = None
    body: Any = None
    error: str | None = None


@dataclass
class Classification:
    retry_class: str
    breaker_outcome: str
    # keyshift_retries_total reason when RETRYABLE; "retry_after_too_long" or
    # "cancelled" for those FATAL rows; otherwise None.
    reason: str | None
    # error.type of the duration metric if the call ends here with this outcome.
    error_type: str | None
    retry_after: RetryAfter = field(default=RETRY_AFTER_NONE)

    @property
    def attempt_outcome(self) -> str:
        """keyshift_attempts_total{outcome}; "ignored" only for a cancelled attempt."""
        return IGNORED if self.reason == "cancelled" else self.retry_class


_SUCCESS = Classification(SUCCESS, SUCCESS, None, None)
_CONNECTION = Classification(RETRYABLE, FAILURE, "connection", "connection_error")
_TIMEOUT = Classification(RETRYABLE, FAILURE, "timeout", "timeout")
_CANCELLED = Classification(FATAL, IGNORED, "cancelled", "cancelled")
_OTHER = Classification(FATAL, IGNORED, None, "_OTHER")


def _status_breaker_outcome(status: int, breaker_counts_429: bool) -> str:
    if status == 408 or status >= 500:
        return FAILURE
    if status == 429:
        return FAILURE if breaker_counts_429 else IGNORED
    return SUCCESS


def _error_object(body: Any) -> Any:
    if isinstance(body, (bytes, bytearray)):
        body = body.decode("utf-8", "replace")
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            return None
    if isinstance(body, dict):
        inner = body.get("error")
        # openai-python hands exceptions the inner error object already.
        return inner if isinstance(inner, dict) else body
    return None


def _is_insufficient_quota(body: Any) -> bool:
    error = _error_object(body)
    if error is None:
        return False
    return error.get("code") == "insufficient_quota" or error.get("type") == "insufficient_quota"


def classify(
    obs: Observation,
    now_unix_ms: int | None = None,
    max_retry_after_ms: int = DEFAULT_MAX_RETRY_AFTER_MS,
    breaker_counts_429: bool = False,
    wall_clock: Any = None,
) -> Classification:
    """SHIM_SPEC 1.2, rows checked top to bottom."""
    if obs.error is not None:
        if obs.error == ERROR_CANCELLED:
            return _CANCELLED
        if obs.error == ERROR_CONNECTION:
            return _CONNECTION
        if obs.error == ERROR_TIMEOUT:
            return _TIMEOUT
        return _OTHER
    status = obs.status
    if status is None:
        return _OTHER
    if status < 400:
        # Headers only steer retries of failed attempts, as in the SDKs.
        return _SUCCESS
    breaker = _status_breaker_outcome(status, breaker_counts_429)
    error_type = str(status)
    retry_after = parse_retry_after(obs.headers, now_unix_ms, max_retry_after_ms, wall_clock)
    if retry_after.kind == "too_long":
        return Classification(FATAL, breaker, "retry_after_too_long", "retry_after_too_long", retry_after)
    should_retry = get_header(obs.headers, "x-should-retry")
    if should_retry == "false":
        return Classification(FATAL, breaker, None, error_type, retry_after)
    if should_retry == "true":
        return Classification(RETRYABLE, breaker, "x_should_retry", error_type, retry_after)
    if status == 429 and _is_insufficient_quota(obs.body):
        # Retrying cannot help an exhausted quota; the breaker sees an ordinary 429.
        return Classification(FATAL, breaker, None, error_type, retry_after)
    if status in (408, 409, 429):
        return Classification(RETRYABLE, breaker, f"status_{status}", error_type, retry_after)
    if status >= 500:
        return Classification(RETRYABLE, breaker, "status_5xx", error_type, retry_after)
    return Classification(FATAL, breaker, None, error_type, retry_after)


def _class_names(exc: BaseException) -> set[str]:
    return {klass.__name__ for klass in type(exc).__mro__}


def observation_from_response(response: Any) -> Observation:
    """An HTTP response object (status_code or status, headers, text) as an observation."""
    status = getattr(response, "status_code", None)
    if status is None:
        status = getattr(response, "status", None)
    body = None
    if isinstance(status, int) and status == 429:
        # Only a 429's body matters (insufficient_quota); an unread stream stays unread.
        try:
            body = getattr(response, "text", None)
        except Exception:  # noqa: BLE001 - e.g. httpx.ResponseNotRead
            body = None
    return Observation(status=status, headers=getattr(response, "headers", None), body=body)


def observation_from_exception(exc: BaseException) -> Observation:
    """Duck-typed view of an SDK or transport exception."""
    names = _class_names(exc)
    if names & _CANCELLED_CLASS_NAMES:
        return Observation(error=ERROR_CANCELLED)
    status = getattr(exc, "status_code", None)
    response = getattr(exc, "response", None)
    if status is None and response is not None:
        status = getattr(response, "status_code", None)
    if isinstance(status, int) and not isinstance(status, bool):
        headers = getattr(response, "headers", None) if response is not None else None
        if headers is None:
            headers = getattr(exc, "headers", None)
        body = getattr(exc, "body", None)
        if body is None:
            code, kind = getattr(exc, "code", None), getattr(exc, "type", None)
            if isinstance(code, str) or isinstance(kind, str):
                body = {"code": code, "type": kind}
        return Observation(status=status, headers=headers, body=body)
    # Timeouts first: openai's APITimeoutError subclasses APIConnectionError.
    if names & _TIMEOUT_CLASS_NAMES:
        return Observation(error=ERROR_TIMEOUT)
    if names & _CONNECTION_CLASS_NAMES:
        return Observation(error=ERROR_CONNECTION)
    return Observation(error=ERROR_OTHER)
