"""A stand-in for the `openai` package, with its surface and real HTTP.

openai-python cannot be installed here (no PyPI), so the chaos test's Python
application and the shim's surface tests import this instead. It has the
shapes the shim and applications touch: OpenAI / AsyncOpenAI reading
OPENAI_API_KEY / OPENAI_BASE_URL, max_retries, with_options() / copy(),
context managers, resources holding `_client`, chat.completions.create /
.stream() (a manager built on `self._client.chat.completions.create`, as the
SDK does), embeddings and responses, with_raw_response /
with_streaming_response views, Stream / AsyncStream with `.response`, and the
SDK's exception classes (APIStatusError with status_code, response.headers
and body; APIConnectionError; APITimeoutError; APIError for error events).
HTTP goes over http.client, one connection per request; `timeout` is the
socket timeout, so like httpx it bounds each read of a stream.
"""

from __future__ import annotations

import asyncio
import functools
import http.client
import json
import os
import socket
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

__all__ = ["OpenAI", "AsyncOpenAI", "APIError", "APIStatusError", "APIConnectionError", "APITimeoutError",
           "RateLimitError", "InternalServerError", "Stream", "AsyncStream"]  # fmt: skip


class APIError(Exception):
    def __init__(self, message: str, body: Any = None) -> None:
        super().__init__(message)
        self.body = body


class APIStatusError(APIError):
    def __init__(self, status: int, headers: dict, body: Any) -> None:
        super().__init__(f"Error code: {status}", body)
        self.status_code = status
        self.response = SimpleNamespace(status_code=status, headers=headers)


class RateLimitError(APIStatusError):
    pass


class InternalServerError(APIStatusError):
    pass


class APIConnectionError(APIError):
    def __init__(self, message: str = "Connection error.") -> None:
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    def __init__(self) -> None:
        super().__init__("Request timed out.")


def _namespace(value: Any) -> Any:
    if isinstance(value, dict):
        return SimpleNamespace(**{k: _namespace(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_namespace(v) for v in value]
    return value


class _HttpResponse:
    """The open HTTP response (httpx.Response's role)."""

    def __init__(self, conn: http.client.HTTPConnection, resp: http.client.HTTPResponse) -> None:
        self._conn = conn
        self._resp = resp
        self.status_code = resp.status
        self.headers = {k.lower(): v for k, v in resp.getheaders()}
        self.closed = False

    def read_some(self) -> bytes:
        # read1, not readline: http.client's readline reports a chunked body
        # cut mid-way as a clean end, read1 raises IncompleteRead.
        try:
            return self._resp.read1(65536)
        except (socket.timeout, TimeoutError):
            raise APITimeoutError() from None
        except (OSError, http.client.HTTPException) as exc:
            raise APIConnectionError(str(exc)) from None

    def read(self) -> bytes:
        try:
            return self._resp.read()
        except (socket.timeout, TimeoutError):
            raise APITimeoutError() from None
        except (OSError, http.client.HTTPException) as exc:
            raise APIConnectionError(str(exc)) from None

    def iter_lines(self) -> Any:
        pending = b""
        while True:
            data = self.read_some()
            if not data:
                if pending:
                    yield pending.decode("utf-8")
                return
            pending += data
            *lines, pending = pending.split(b"\n")
            for line in lines:
                yield line.decode("utf-8").rstrip("\r")

    def parse(self) -> Any:
        return _namespace(json.loads(self.read() or b"{}"))

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._conn.close()


class Stream:
    """Server-sent events as objects; closing closes the response."""

    def __init__(self, response: _HttpResponse) -> None:
        self.response = response
        self._iterator = self.__stream__()

    def __stream__(self) -> Any:
        event, data = None, []
        try:
            for line in self.response.iter_lines():
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
                elif line == "" and data:
                    text = "\n".join(data)
                    event_name, data, event = event, [], None
                    if text.startswith("[DONE]"):
                        break
                    parsed = json.loads(text)
                    if event_name == "error" or (isinstance(parsed, dict) and parsed.get("error")):
                        raise APIError("An error occurred during streaming", parsed)
                    yield _namespace(parsed)
        finally:
            self.response.close()

    def __iter__(self) -> Any:
        yield from self._iterator

    def __next__(self) -> Any:
        return next(self._iterator)

    def __enter__(self) -> "Stream":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.response.close()


class AsyncStream:
    def __init__(self, stream: Stream) -> None:
        self._stream = stream
        self.response = stream.response

    async def __aiter__(self) -> Any:
        while True:
            item = await asyncio.to_thread(next, self._stream._iterator, StopAsyncIteration)
            if item is StopAsyncIteration:
                return
            yield item

    async def close(self) -> None:
        self.response.close()

    async def __aenter__(self) -> "AsyncStream":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()


class _BaseClient:
    def __init__(self, *, api_key: str | None = None, base_url: str | None = None, max_retries: int = 2,
                 timeout: float = 600.0) -> None:  # fmt: skip
        self.api_key = api_key or os.environ.get("OPENAI_API_KEY")
        if not self.api_key:
            raise APIError("The api_key client option must be set")
        self.base_url = (base_url or os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1").rstrip("/")
        self.max_retries = max_retries
        self.timeout = timeout
        self.chat = SimpleNamespace(completions=Completions(self))
        self.embeddings = _Resource(self, "/embeddings")
        self.responses = _Resource(self, "/responses")

    def with_options(self, **options: Any) -> Any:
        kwargs = {"api_key": self.api_key, "base_url": self.base_url, "max_retries": self.max_retries,
                  "timeout": self.timeout, **options}  # fmt: skip
        return type(self)(**kwargs)

    copy = with_options

    def close(self) -> None:
        pass

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # One attempt: the fake never retries itself (a wrapped client has max_retries=0 anyway).
    def _request(self, path: str, body: dict, timeout: float | None, stream: bool) -> Any:
        url = urlsplit(self.base_url + path)
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=timeout or self.timeout)
        try:
            conn.request("POST", url.path, body=json.dumps(body).encode(), headers={
                "Authorization": f"Bearer {self.api_key}", "Content-Type": "application/json",
                "Accept": "text/event-stream" if stream else "application/json"})
            raw = conn.getresponse()
        except (socket.timeout, TimeoutError):
            conn.close()
            raise APITimeoutError() from None
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            raise APIConnectionError(str(exc)) from None
        response = _HttpResponse(conn, raw)
        if response.status_code >= 400:
            text = response.read().decode("utf-8", "replace")
            response.close()
            try:
                err = json.loads(text).get("error")
            except (ValueError, AttributeError):
                err = None
            klass = (RateLimitError if response.status_code == 429
                     else InternalServerError if response.status_code >= 500 else APIStatusError)
            raise klass(response.status_code, response.headers, err)
        return response


class _Resource:
    def __init__(self, client: Any, path: str) -> None:
        self._client = client
        self._path = path
        self.with_raw_response = _RawView(self)
        self.with_streaming_response = _StreamingView(self)

    def create(self, *, timeout: float | None = None, **body: Any) -> Any:
        stream = body.get("stream") is True
        response = self._client._request(self._path, body, timeout, stream)
        if stream:
            return Stream(response)
        try:
            return response.parse()
        finally:
            response.close()


class Completions(_Resource):
    def __init__(self, client: Any) -> None:
        super().__init__(client, "/chat/completions")

    def stream(self, **body: Any) -> "ChatCompletionStreamManager":
        # As openai-python: the request is a partial over the client's create.
        return ChatCompletionStreamManager(functools.partial(self._client.chat.completions.create, stream=True,
                                                             **body))  # fmt: skip


class ChatCompletionStreamManager:
    """`with client.chat.completions.stream(...) as s:` sends on entering."""

    def __init__(self, request: Any) -> None:
        self._request = request
        self._stream: Any = None

    def __enter__(self) -> "ChatCompletionStream":
        self._stream = ChatCompletionStream(self._request())
        return self._stream

    def __exit__(self, *exc: Any) -> None:
        if self._stream is not None:
            self._stream.close()


class ChatCompletionStream:
    def __init__(self, raw_stream: Any) -> None:
        self._raw_stream = raw_stream
        self._response = raw_stream.response
        self.text = ""

    def __iter__(self) -> Any:
        for chunk in self._raw_stream:
            for choice in getattr(chunk, "choices", []) or []:
                self.text += getattr(choice.delta, "content", "") or ""
            yield SimpleNamespace(type="chunk", chunk=chunk)

    def close(self) -> None:
        self._response.close()


class LegacyAPIResponse:
    def __init__(self, http_response: _HttpResponse, stream: bool) -> None:
        self.http_response = http_response
        self.status_code = http_response.status_code
        self.headers = http_response.headers
        self._stream = stream
        self._parsed: Any = None

    def parse(self) -> Any:
        if self._parsed is None:
            if self._stream:
                self._parsed = Stream(self.http_response)
            else:
                self._parsed = self.http_response.parse()
                self.http_response.close()
        return self._parsed


class _RawView:
    def __init__(self, resource: _Resource) -> None:
        self._resource = resource

    def create(self, *, timeout: float | None = None, **body: Any) -> LegacyAPIResponse:
        stream = body.get("stream") is True
        res = self._resource
        return LegacyAPIResponse(res._client._request(res._path, body, timeout, stream), stream)


class _StreamingView:
    def __init__(self, resource: _Resource) -> None:
        self._resource = resource

    def create(self, *, timeout: float | None = None, **body: Any) -> "ResponseContextManager":
        res = self._resource
        return ResponseContextManager(lambda: res._client._request(res._path, body, timeout, True))


class ResponseContextManager:
    def __init__(self, request: Any) -> None:
        self._request = request
        self._response: Any = None

    def __enter__(self) -> _HttpResponse:
        self._response = self._request()
        return self._response

    def __exit__(self, *exc: Any) -> None:
        if self._response is not None:
            self._response.close()


class OpenAI(_BaseClient):
    pass


class _AsyncResource:
    def __init__(self, sync: _Resource) -> None:
        self._client = sync._client
        self._sync = sync

    async def create(self, **body: Any) -> Any:
        value = await asyncio.to_thread(functools.partial(self._sync.create, **body))
        return AsyncStream(value) if isinstance(value, Stream) else value


class AsyncOpenAI(_BaseClient):
    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.chat = SimpleNamespace(completions=_AsyncResource(self.chat.completions))
        self.embeddings = _AsyncResource(self.embeddings)
        self.responses = _AsyncResource(self.responses)

    async def close(self) -> None:  # type: ignore[override]
        pass

    async def __aenter__(self) -> "AsyncOpenAI":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()
