"""wrap(client, **policy): OpenAI-style clients whose API calls go through the shim.

The proxy is duck-typed: any public method reached through a resource
(client.chat.completions.create, client.embeddings.create,
client.responses.create, ...) runs through the pipeline; coroutine methods
get the async pipeline. Streaming calls (stream=True) are held until the
stream ends (SHIM_SPEC 1.9); helpers (chat.completions.stream(),
responses.stream(), beta.threads.runs.stream(), ..._and_poll) run with the
wrapped resource as self, so the requests they make are wrapped calls;
with_raw_response and with_streaming_response are wrapped too. The SDK's own
retries are turned off so that one call is never up to 9 HTTP requests.
"""

from __future__ import annotations

import inspect
import types
from typing import Any
from urllib.parse import urlsplit

from .endpoint import endpoint_labels
from .metrics import MetricsRegistry
from .pipeline import Shim, default_result_info, unwrap_report

__all__ = ["wrap", "default_registry", "metrics", "prometheus_text", "unwrap"]

_DEFAULT_REGISTRY = MetricsRegistry()
_DEFAULT_SHIM: Shim | None = None

# Values that are data, never resources to descend into.
_PLAIN = (str, bytes, bytearray, int, float, complex, bool, type(None), list, tuple, dict, set, frozenset)
# Root-level methods whose result is another client that must stay wrapped.
_CLIENT_FACTORIES = frozenset({"with_options", "copy"})
_RESOURCE_BASES = frozenset({"SyncAPIResource", "AsyncAPIResource"})
_API_VERBS = frozenset({"create", "retrieve", "list", "delete", "update", "parse", "stream", "cancel"})
# Resource segments that are views of the same endpoint, not URL paths.
_VIEWS = frozenset({"with_raw_response", "with_streaming_response"})


def is_helper(name: str) -> bool:
    """SDK helpers: they make their requests through the client, not one request."""
    return name in ("stream", "poll") or name.endswith("_stream") or name.endswith("_and_poll")


def _accepts_timeout(method: Any) -> bool:
    try:
        params = inspect.signature(method).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == "timeout" or p.kind is inspect.Parameter.VAR_KEYWORD for p in params)


def _with_timeout(kwargs: dict, timeout_ms: int | None) -> dict:
    """kwargs with timeout= (seconds) no later than timeout_ms; an httpx.Timeout the caller gave is kept."""
    if timeout_ms is None:
        return kwargs
    seconds = timeout_ms / 1000.0
    given = kwargs.get("timeout")
    if given is None:
        return {**kwargs, "timeout": seconds}
    if isinstance(given, (int, float)) and not isinstance(given, bool):
        return {**kwargs, "timeout": min(float(given), seconds)}
    return kwargs


def _raw_result_info(value: Any) -> tuple:
    """A with_raw_response result: usage is in its parsed body (openai caches parse())."""
    parse = getattr(value, "parse", None)
    if not callable(parse):
        return default_result_info(value)
    try:
        return default_result_info(parse())
    except Exception:  # noqa: BLE001 - metrics must never break the call
        return None, None, None


def default_registry() -> MetricsRegistry:
    """The registry every wrap() without metrics= reports into."""
    return _DEFAULT_REGISTRY


def metrics() -> dict:
    """JSON-ready snapshot of the default registry."""
    return _DEFAULT_REGISTRY.snapshot()


def prometheus_text() -> str:
    """The default registry in Prometheus text format 0.0.4."""
    return _DEFAULT_REGISTRY.prometheus_text()


def _default_shim() -> Shim:
    global _DEFAULT_SHIM
    if _DEFAULT_SHIM is None:
        _DEFAULT_SHIM = Shim(metrics=_DEFAULT_REGISTRY)
    return _DEFAULT_SHIM


def _server(client: Any) -> tuple[str, str]:
    base_url = getattr(client, "base_url", None)
    if base_url is None:
        return "", ""
    try:
        parts = urlsplit(str(base_url))
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "", ""
    if port is None:
        port = {"https": 443, "http": 80}.get(parts.scheme)
    return host, "" if port is None else str(port)


def _is_async_client(client: Any) -> bool:
    names = {klass.__name__ for klass in type(client).__mro__}
    return "AsyncAPIClient" in names or type(client).__name__.startswith("Async")


def _call_style(method: Any, owner: Any, async_client: bool) -> str:
    """"async", "sync", or "probe" when only the call's result can tell."""
    if inspect.iscoroutinefunction(inspect.unwrap(method)):
        return "async"
    names = {klass.__name__ for klass in type(owner).__mro__}
    if "AsyncAPIResource" in names or (async_client and "SyncAPIResource" not in names):
        # A plain def on an async client may return a coroutine (openai-python's
        # decorated create) or a ready object (the .stream() managers).
        return "probe"
    return "sync"


def _is_resource(value: Any) -> bool:
    if isinstance(value, _PLAIN) or callable(value) or inspect.ismodule(value):
        return False
    klass = type(value)
    if any(base.__name__ in _RESOURCE_BASES for base in klass.__mro__):
        return True
    # Duck typing for look-alike clients: a resource has API verbs, or holds
    # something that does (client.chat -> completions -> create).
    if any(callable(getattr(value, verb, None)) for verb in _API_VERBS):
        return True
    children = getattr(value, "__dict__", None)
    if not isinstance(children, dict):
        return False
    for name, child in children.items():
        if name.startswith("_") or isinstance(child, _PLAIN) or callable(child):
            continue
        if any(callable(getattr(child, verb, None)) for verb in _API_VERBS):
            return True
    return False


class _Context:
    """What every proxy of one wrapped client shares."""

    __slots__ = ("shim", "address", "port", "async_client", "key_states", "root")

    def __init__(self, shim: Shim, client: Any) -> None:
        self.shim = shim
        self.root: Any = None  # the WrappedClient, which helpers see as their _client
        self.address, self.port = _server(client)
        self.async_client = _is_async_client(client)
        self.key_states: dict[Any, Any] = {}

    def key_state(self, model: str) -> Any:
        ks = self.key_states.get(model)
        if ks is None:
            ks = self.shim.key_state(self.address, self.port, model)
            self.key_states[model] = ks
        return ks


def _api_method(ctx: _Context, method: Any, owner: Any, path: tuple[str, ...]) -> Any:
    operation, api_type = endpoint_labels("/" + "/".join(p for p in path[:-1] if p not in _VIEWS))
    shim = ctx.shim
    key_states = ctx.key_states
    key_state = ctx.key_state
    style = _call_style(method, owner, ctx.async_client)
    raw = "with_raw_response" in path
    info = _raw_result_info if raw else None
    timed = _accepts_timeout(method)

    def attempt_for(args: tuple, kwargs: dict) -> Any:
        if timed:
            return lambda timeout_ms: method(*args, **_with_timeout(kwargs, timeout_ms))
        return lambda: method(*args, **kwargs)

    def key_and_stream(kwargs: dict) -> tuple:
        model = kwargs.get("model")
        if type(model) is not str:
            model = ""
        # A raw response's body is the caller's to read: committed at its headers.
        return key_states.get(model) or key_state(model), kwargs.get("stream") is True and not raw

    if "with_streaming_response" in path:
        wrapper: Any = lambda *args, **kwargs: _StreamingResponse(  # noqa: E731
            shim, key_and_stream(kwargs)[0], operation, api_type, lambda: method(*args, **kwargs))
    elif style == "async":

        async def async_call(*args: Any, **kwargs: Any) -> Any:
            ks, stream = key_and_stream(kwargs)
            report = await shim.run_async(attempt_for(args, kwargs), ks, operation, api_type, None, info, stream, timed)
            return report.value if report.exception is None else unwrap_report(report)

        wrapper = async_call
    elif style == "probe":

        async def finish(first: Any, args: tuple, kwargs: dict) -> Any:
            pending = [first]
            again = attempt_for(args, kwargs)

            def attempt(*timeout: Any) -> Any:
                return pending.pop() if pending else again(*timeout)

            ks, stream = key_and_stream(kwargs)
            try:
                report = await shim.run_async(attempt, ks, operation, api_type, None, info, stream, timed)
            finally:
                for unused in pending:
                    unused.close()  # refused before the first attempt: never awaited
            return report.value if report.exception is None else unwrap_report(report)

        def probe_call(*args: Any, **kwargs: Any) -> Any:
            first = method(*args, **kwargs)
            if not inspect.isawaitable(first):
                return first
            return finish(first, args, kwargs)

        wrapper = probe_call
    else:

        def call(*args: Any, **kwargs: Any) -> Any:
            ks, stream = key_and_stream(kwargs)
            report = shim.run(attempt_for(args, kwargs), ks, operation, api_type, None, info, stream, timed)
            return report.value if report.exception is None else unwrap_report(report)

        wrapper = call

    wrapper.__name__ = getattr(method, "__name__", path[-1])
    wrapper.__doc__ = getattr(method, "__doc__", None)
    wrapper.__wrapped__ = method
    return wrapper


class _StreamingResponse:
    """with_streaming_response.create(...): the request happens on entering the block.

    Entering runs the pipeline (each attempt enters a fresh SDK manager); the
    response body is then a stream the caller reads, so the attempt stays
    open until the block is left (SHIM_SPEC 1.9): a clean exit is complete, a
    transport error a failure, anything else closes it.
    """

    def __init__(self, shim: Shim, ks: Any, operation: str, api_type: str | None, factory: Any) -> None:
        self._shim, self._ks, self._operation, self._api_type = shim, ks, operation, api_type
        self._factory = factory
        self._manager: Any = None
        self._stream: Any = None

    def _attempt(self) -> Any:
        self._manager = self._factory()
        return _Entered(self._manager, self._manager.__enter__())

    async def _attempt_async(self) -> Any:
        self._manager = self._factory()
        return _Entered(self._manager, await self._manager.__aenter__())

    def __enter__(self) -> Any:
        report = self._shim.run(self._attempt, self._ks, self._operation, self._api_type, stream=True)
        self._stream = unwrap_report(report)
        return self._stream._keyshift_stream.response

    def __exit__(self, *exc: Any) -> Any:
        lease = self._stream._keyshift_lease
        lease.end(_end_of_block(exc[1]))
        return self._manager.__exit__(*exc)

    async def __aenter__(self) -> Any:
        report = await self._shim.run_async(self._attempt_async, self._ks, self._operation, self._api_type,
                                            stream=True)  # fmt: skip
        self._stream = unwrap_report(report)
        return self._stream._keyshift_stream.response

    async def __aexit__(self, *exc: Any) -> Any:
        self._stream._keyshift_lease.end(_end_of_block(exc[1]))
        return await self._manager.__aexit__(*exc)


class _Entered:
    """An entered streaming response, iterable so the pipeline commits it as a stream."""

    def __init__(self, manager: Any, response: Any) -> None:
        self.manager = manager
        self.response = response

    def __iter__(self) -> Any:
        return iter(())

    def __aiter__(self) -> Any:
        return self._none()

    async def _none(self) -> Any:
        return
        yield  # pragma: no cover - makes this an async generator

    def close(self) -> None:
        pass


def _end_of_block(exc: BaseException | None) -> str:
    if exc is None:
        return "complete"
    from .stream import stream_end_of_exception

    how = stream_end_of_exception(exc)
    # The caller's own exception leaves the body unread: closed, not an upstream failure.
    return how if how in ("connection_error", "timeout") else "closed"


class _ResourceProxy:
    """A resource (client.chat, client.chat.completions, ...) seen through the shim."""

    def __init__(self, target: Any, ctx: _Context, path: tuple[str, ...]) -> None:
        object.__setattr__(self, "_keyshift_target", target)
        object.__setattr__(self, "_keyshift_ctx", ctx)
        object.__setattr__(self, "_keyshift_path", path)

    def __getattr__(self, name: str) -> Any:
        target = object.__getattribute__(self, "_keyshift_target")
        ctx = object.__getattribute__(self, "_keyshift_ctx")
        if name == "_client" and ctx.root is not None:
            # Helpers bound to this proxy reach the wrapped client here.
            return ctx.root
        value = getattr(target, name)
        if name.startswith("_"):
            return value
        path = object.__getattribute__(self, "_keyshift_path") + (name,)
        function = getattr(type(target), name, None)
        if is_helper(name) and inspect.isfunction(function):
            wrapped = types.MethodType(function, self)
        elif callable(value) and not isinstance(value, type):
            wrapped = _api_method(ctx, value, target, path)
        elif _is_resource(value):
            wrapped = _ResourceProxy(value, ctx, path)
        else:
            return value
        # Cached in the instance dict: later lookups skip __getattr__ entirely.
        object.__setattr__(self, name, wrapped)
        return wrapped

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(object.__getattribute__(self, "_keyshift_target"), name, value)

    def __dir__(self) -> list[str]:
        return dir(object.__getattribute__(self, "_keyshift_target"))

    def __repr__(self) -> str:
        return f"<keyshift_shim wrapped {object.__getattribute__(self, '_keyshift_target')!r}>"


class WrappedClient(_ResourceProxy):
    """The client itself: its own methods pass through, resources are proxied."""

    def __getattr__(self, name: str) -> Any:
        target = object.__getattribute__(self, "_keyshift_target")
        value = getattr(target, name)
        if name.startswith("_"):
            return value
        ctx = object.__getattribute__(self, "_keyshift_ctx")
        if name in _CLIENT_FACTORIES and callable(value):

            def factory(*args: Any, **kwargs: Any) -> Any:
                return WrappedClient(_without_sdk_retries(value(*args, **kwargs)), ctx.shim)

            return factory
        if callable(value) or not _is_resource(value):
            return value
        wrapped = _ResourceProxy(value, ctx, (name,))
        object.__setattr__(self, name, wrapped)
        return wrapped

    def __init__(self, client: Any, shim: Shim) -> None:
        ctx = _Context(shim, client)
        super().__init__(client, ctx, ())
        ctx.root = self

    @property
    def keyshift(self) -> Shim:
        """The shim state behind this client: policy, breakers, metrics."""
        return object.__getattribute__(self, "_keyshift_ctx").shim

    def __enter__(self) -> "WrappedClient":
        object.__getattribute__(self, "_keyshift_target").__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return object.__getattribute__(self, "_keyshift_target").__exit__(*exc)

    async def __aenter__(self) -> "WrappedClient":
        await object.__getattribute__(self, "_keyshift_target").__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> Any:
        return await object.__getattribute__(self, "_keyshift_target").__aexit__(*exc)


def _without_sdk_retries(client: Any) -> Any:
    with_options = getattr(client, "with_options", None)
    if callable(with_options):
        try:
            return with_options(max_retries=0)
        except TypeError:
            pass
    if hasattr(client, "max_retries"):
        try:
            client.max_retries = 0
        except (AttributeError, TypeError):
            pass
    return client


def wrap(client: Any, *, shim: Shim | None = None, **options: Any) -> WrappedClient:
    """Route an OpenAI-style client's API calls through the keyshift shim.

    Without options every wrapped client shares one process-wide Shim (one
    breaker per server and model) reporting into default_registry(). Policy
    options (max_retries=, backoff_mode=, limiter_max_in_flight=, ...; see
    Policy) and injected mono_clock=/wall_clock=/rng=/sleeper=/async_sleeper=/
    metrics= build a Shim of their own; shim= shares an existing one.
    """
    if isinstance(client, WrappedClient):
        client = object.__getattribute__(client, "_keyshift_target")
    if shim is None:
        if options:
            options.setdefault("metrics", _DEFAULT_REGISTRY)
            shim = Shim(**options)
        else:
            shim = _default_shim()
    elif options:
        raise TypeError("keyshift_shim.wrap: pass either shim= or policy options, not both")
    return WrappedClient(_without_sdk_retries(client), shim)


def unwrap(client: Any) -> Any:
    """The client a WrappedClient forwards to (with the SDK's retries off)."""
    if isinstance(client, WrappedClient):
        return object.__getattribute__(client, "_keyshift_target")
    return client
