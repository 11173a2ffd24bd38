"""Committed streams (SHIM_SPEC 1.9): the attempt lasts until the stream ends.

When a streaming call's 2xx response arrives the pipeline hands the caller
the SDK's stream wrapped in a proxy. The proxy reports every event (time to
first chunk, model, usage) and the stream's end to a StreamLease, which only
then releases the limiter permits and records the breaker outcome, budget,
attempt, duration and tokens. The end is one of complete, connection_error,
timeout, error_event (the SDK raised an error event) or closed (the caller
broke out of the loop, called close(), left the with block, or dropped the
stream, which the garbage collector reports).
"""

from __future__ import annotations

import weakref
from typing import Any

from .classify import (
    ERROR_CANCELLED,
    ERROR_CONNECTION,
    ERROR_TIMEOUT,
    FAILURE,
    FATAL,
    IGNORED,
    RETRYABLE,
    SUCCESS,
    observation_from_exception,
)
from .errors import StreamTimeoutError, annotate

__all__ = ["StreamLease", "stream_end_of_exception"]

# end -> (breaker outcome, attempt outcome, error_type)
_ENDS = {
    "complete": (SUCCESS, SUCCESS, None),
    "connection_error": (FAILURE, RETRYABLE, "connection_error"),
    "timeout": (FAILURE, RETRYABLE, "timeout"),
    "error_event": (FAILURE, FATAL, "_OTHER"),
    "closed": (IGNORED, IGNORED, "cancelled"),
}


def stream_end_of_exception(exc: BaseException) -> str:
    """How a committed stream ended, from what its iteration raised."""
    if isinstance(exc, GeneratorExit):
        return "closed"
    error = observation_from_exception(exc).error
    if error == ERROR_CANCELLED:
        return "closed"
    if error == ERROR_TIMEOUT:
        return "timeout"
    if error == ERROR_CONNECTION:
        return "connection_error"
    return "error_event"  # openai's APIError from an error event, a malformed event


def _member(obj: Any, name: str) -> Any:
    return obj.get(name) if type(obj) is dict else getattr(obj, name, None)


class StreamLease:
    """The open attempt of one committed stream; end() is recorded once."""

    def __init__(self, shim: Any, ks: Any, limiter: Any, global_limiter: Any, ticket: Any, start: int,
                 deadline: int | None, operation: str, api_type: str | None, info: Any) -> None:  # fmt: skip
        self.shim = shim
        self.ks = ks
        self.limiter = limiter
        self.global_limiter = global_limiter
        self.ticket = ticket
        self.start = start
        self.deadline = deadline
        self.operation = operation
        self.api_type = api_type
        self.info = info
        self.first = True
        self.model: str | None = None
        self.prompt: int | None = None
        self.completion: int | None = None
        self.ended: str | None = None

    def event(self, chunk: Any) -> None:
        """One event reached the caller: time to first chunk, model, last usage."""
        model, prompt, completion = self.info(chunk)
        for nested in ("response", "data"):
            if model is None and prompt is None:
                inner = _member(chunk, nested)
                if inner is not None and not isinstance(inner, (str, bytes)):
                    model, prompt, completion = self.info(inner)
        if self.first:
            self.first = False
            elapsed_s = (self.shim.mono_clock.now_ms() - self.start) / 1000.0
            self.ks.ttfc(self.operation, self.api_type, model).observe(elapsed_s)
        if model is not None:
            self.model = model
        if prompt is not None or completion is not None:
            self.prompt, self.completion = prompt, completion

    def past_deadline(self) -> bool:
        return self.deadline is not None and self.shim.mono_clock.now_ms() >= self.deadline

    def end(self, how: str) -> None:
        ks = self.ks
        breaker_outcome, outcome, error_type = _ENDS[how]
        with ks.lock:
            if self.ended is not None:
                return
            self.ended = how
            ks.inflight.value -= 1
            released = self.limiter.release_locked()
            ks.breaker.record_locked(self.ticket, breaker_outcome)
            ks.budget_tokens.value = ks.budget.record_locked(outcome) / 1000.0
            ks.attempts[outcome].value += 1
        self.limiter.wake(released)
        if self.global_limiter is not None:
            self.global_limiter.release()
        elapsed_s = (self.shim.mono_clock.now_ms() - self.start) / 1000.0
        model = self.model if error_type is None else None
        ks.duration(self.operation, self.api_type, model, error_type).observe(elapsed_s)
        # The tokens were spent whatever the end.
        if self.prompt is not None:
            ks.tokens(self.operation, self.api_type, self.model, "input").observe(self.prompt)
        if self.completion is not None:
            ks.tokens(self.operation, self.api_type, self.model, "output").observe(self.completion)

    def fail(self, exc: BaseException) -> None:
        """The stream's iteration raised: end it accordingly and tag the exception."""
        how = stream_end_of_exception(exc)
        self.end(how)
        if not isinstance(exc, GeneratorExit):
            annotate(exc, _ENDS[how][2], None)

    def timeout_error(self) -> StreamTimeoutError:
        self.end("timeout")
        return StreamTimeoutError(self.ks.name)

    def wrap(self, stream: Any, is_async: bool) -> Any:
        proxy = (AsyncStreamProxy if is_async else StreamProxy)(stream, self)
        # A stream dropped before its end is closed when collected (an async
        # one's close() would need the loop: its response closes with it).
        weakref.finalize(proxy, _collected, self, None if is_async else stream)
        return proxy


def _collected(lease: StreamLease, stream: Any) -> None:
    if lease.ended is None:
        lease.end("closed")
        if stream is not None:
            _close_quietly(stream)


class _ResponseProxy:
    """stream.response: closing it (as the SDK's stream helpers do) closes the stream."""

    def __init__(self, response: Any, lease: StreamLease) -> None:
        object.__setattr__(self, "_keyshift_response", response)
        object.__setattr__(self, "_keyshift_lease", lease)

    def __getattr__(self, name: str) -> Any:
        return getattr(object.__getattribute__(self, "_keyshift_response"), name)

    def close(self) -> Any:
        object.__getattribute__(self, "_keyshift_lease").end("closed")
        return object.__getattribute__(self, "_keyshift_response").close()

    async def aclose(self) -> Any:
        object.__getattribute__(self, "_keyshift_lease").end("closed")
        return await object.__getattribute__(self, "_keyshift_response").aclose()


class _BaseProxy:
    def __init__(self, stream: Any, lease: StreamLease) -> None:
        self._keyshift_stream = stream
        self._keyshift_lease = lease
        self._keyshift_iter: Any = None

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._keyshift_stream, name)
        if name == "response" and value is not None:
            return _ResponseProxy(value, self._keyshift_lease)
        return value

    def __repr__(self) -> str:
        return f"<keyshift_shim stream {self._keyshift_stream!r}>"


class StreamProxy(_BaseProxy):
    """A synchronous SDK Stream seen through the shim."""

    def __iter__(self) -> Any:
        lease = self._keyshift_lease
        inner = iter(self._keyshift_stream)
        try:
            while True:
                try:
                    chunk = next(inner)
                except StopIteration:
                    lease.end("complete")
                    return
                except BaseException as exc:
                    lease.fail(exc)
                    raise
                lease.event(chunk)
                if lease.past_deadline():
                    _close_quietly(self._keyshift_stream)
                    raise lease.timeout_error()
                yield chunk
        finally:
            lease.end("closed")  # break / close(): a no-op after any other end

    def __next__(self) -> Any:
        if self._keyshift_iter is None:
            self._keyshift_iter = iter(self)
        return next(self._keyshift_iter)

    def close(self) -> None:
        self._keyshift_lease.end("closed")
        self._keyshift_stream.close()

    def __enter__(self) -> "StreamProxy":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class AsyncStreamProxy(_BaseProxy):
    """An SDK AsyncStream seen through the shim."""

    async def __aiter__(self) -> Any:
        lease = self._keyshift_lease
        inner = self._keyshift_stream.__aiter__()
        try:
            while True:
                try:
                    chunk = await inner.__anext__()
                except StopAsyncIteration:
                    lease.end("complete")
                    return
                except BaseException as exc:
                    lease.fail(exc)
                    raise
                lease.event(chunk)
                if lease.past_deadline():
                    await _aclose_quietly(self._keyshift_stream)
                    raise lease.timeout_error()
                yield chunk
        finally:
            lease.end("closed")

    async def __anext__(self) -> Any:
        if self._keyshift_iter is None:
            self._keyshift_iter = self.__aiter__()
        return await self._keyshift_iter.__anext__()

    async def close(self) -> None:
        self._keyshift_lease.end("closed")
        await self._keyshift_stream.close()

    async def aclose(self) -> None:
        await self.close()

    async def __aenter__(self) -> "AsyncStreamProxy":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()


def _close_quietly(stream: Any) -> None:
    close = getattr(stream, "close", None)
    if callable(close):
        close()


async def _aclose_quietly(stream: Any) -> None:
    close = getattr(stream, "close", None)
    if callable(close):
        result = close()
        if hasattr(result, "__await__"):
            await result
