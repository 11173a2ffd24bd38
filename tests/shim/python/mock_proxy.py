"""A fault-injecting OpenAI-compatible proxy on 127.0.0.1 (ephemeral port).

Each request is read whole, recorded, and answered by `plan(request)`, which
returns a Step: a JSON response, an SSE stream (ended normally, cut mid-way,
or stalled), a connection reset, or a hang. Used by the Python shim's surface
tests and by the chaos test of migrated applications.
"""

from __future__ import annotations

import json
import select
import socket
import struct
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable


@dataclass
class Step:
    status: int = 200
    headers: dict = field(default_factory=dict)
    body: Any = None  # dict (JSON) or str
    sse: list | None = None  # events: dict, or {"event": name, "data": dict}
    then: str = "done"  # sse: done ([DONE]) | end | cut | stall
    fault: str | None = None  # reset | hang (instead of any response)


@dataclass
class Request:
    method: str
    path: str
    headers: dict
    body: Any


class MockProxy:
    def __init__(self, plan: Callable[[Request], Step]) -> None:
        self.plan = plan
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._stopping = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                proxy._serve(self)

            do_GET = do_POST  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def wait_for_requests(self, n: int, timeout_s: float = 60.0) -> None:
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.requests) >= n, timeout_s):
                raise AssertionError(f"mock proxy: {len(self.requests)} requests arrived, {n} expected")

    def close(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "MockProxy":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- one request ----------------------------------------------------------

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        raw = h.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        request = Request(h.command, h.path, {k.lower(): v for k, v in h.headers.items()}, body)
        with self._arrived:
            self.requests.append(request)
            self._arrived.notify_all()
        step = self.plan(request)
        h.close_connection = True
        if step.fault == "reset":
            # SO_LINGER 0: close() sends RST, the client sees a reset, not a response.
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        if step.fault == "hang":
            self._stall(h)
            return
        if step.sse is None:
            data = step.body if isinstance(step.body, str) else json.dumps(step.body or {})
            payload = data.encode()
            h.send_response(step.status)
            for k, v in {"Content-Type": "application/json", **step.headers}.items():
                h.send_header(k, v)
            h.send_header("Content-Length", str(len(payload)))
            h.send_header("Connection", "close")  # one request per connection: no stale reuse
            h.end_headers()
            h.wfile.write(payload)
            return
        h.send_response(step.status)
        for k, v in {"Content-Type": "text/event-stream", **step.headers}.items():
            h.send_header(k, v)
        h.send_header("Transfer-Encoding", "chunked")
        if step.then != "cut":
            # undici takes a FIN before the last chunk of a `Connection:
            # close` response as a clean end: a cut keeps the connection
            # nominally alive so the FIN is the failure it is.
            h.send_header("Connection", "close")
        h.end_headers()
        for event in step.sse:
            if isinstance(event, dict) and set(event) == {"event", "data"}:
                text = f"event: {event['event']}\ndata: {json.dumps(event['data'])}\n\n"
            else:
                text = f"data: {json.dumps(event)}\n\n"
            self._chunk(h, text.encode())
        if step.then == "done":
            self._chunk(h, b"data: [DONE]\n\n")
        if step.then in ("done", "end"):
            h.wfile.write(b"0\r\n\r\n")
        elif step.then == "stall":
            self._stall(h)
        # "cut": return without the last chunk; the connection closes mid-body.
        h.wfile.flush()

    @staticmethod
    def _chunk(h: BaseHTTPRequestHandler, data: bytes) -> None:
        h.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        h.wfile.flush()

    def _stall(self, h: BaseHTTPRequestHandler) -> None:
        """Silence until the client hangs up or the proxy stops."""
        h.wfile.flush()
        conn = h.connection
        while not self._stopping.is_set():
            readable, _, _ = select.select([conn], [], [], 0.02)
            if readable:
                try:
                    if not conn.recv(256):
                        return
                except OSError:
                    return


def chat_completion(model: str, content: str, prompt_tokens: int = 12, completion_tokens: int = 5) -> dict:
    return {"id": "chatcmpl-test", "object": "chat.completion", "created": 1, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens}}  # fmt: skip


def chunk(model: str, content: str | None = None, usage: dict | None = None) -> dict:
    choices = [] if content is None else [{"index": 0, "delta": {"content": content}, "finish_reason": None}]
    out = {"id": "chatcmpl-s", "object": "chat.completion.chunk", "created": 1, "model": model, "choices": choices}
    if usage is not None:
        out["usage"] = usage
    return out


def scripted(steps: list[Step]) -> Callable[[Request], Step]:
    """A plan answering requests with `steps` in order (then 500s, so extra attempts show)."""
    lock = threading.Lock()
    queue = list(steps)

    def plan(_request: Request) -> Step:
        with lock:
            if queue:
                return queue.pop(0)
        return Step(status=500, body={"error": {"message": "mock proxy: script exhausted"}})

    return plan
