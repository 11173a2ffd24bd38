"""wrap(client, **policy): OpenAI-style clients whose API calls go through the shim.

The proxy is duck-typed: any public method reached through a resource
(client.chat.completions.create, client.embeddings.create,
client.responses.create, ...) runs through the pipeline; coroutine methods
get the async pipeline. The SDK's own retries are turned off so that one call
is never up to 9 HTTP requests.
"""

from __future__ import annotations

import inspect
from typing import Any
from urllib.parse import urlsplit

from .endpoint import endpoint_labels
from .metrics import MetricsRegistry
from .pipeline import Shim, unwrap_report

__all__ = ["wrap", "default_registry", "metrics", "prometheus_text", "unwrap"]

_DEFAULT_REGISTRY = MetricsRegistry()
_DEFAULT_SHIM: Shim | None = None

# Values that are data, never resources to descend into.
_PLAIN = (str, bytes, bytearray, int, float, complex, bool, type(None), list, tuple, dict, set, frozenset)
# Root-level methods whose result is another client that must stay wrapped.
_CLIENT_FACTORIES = frozenset({"with_options", "copy"})
_RESOURCE_BASES = frozenset({"SyncAPIResource", "AsyncAPIResource"})
_API_VERBS = frozenset({"create", "retrieve", "list", "delete", "update", "parse", "stream", "cancel"})


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

    __slots__ = ("shim", "address", "port", "async_client", "key_states")

    def __init__(self, shim: Shim, client: Any) -> None:
        self.shim = shim
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
    operation, api_type = endpoint_labels("/" + "/".join(path[:-1]))
    shim = ctx.shim
    key_states = ctx.key_states
    key_state = ctx.key_state
    style = _call_style(method, owner, ctx.async_client)

    if style == "async":

        async def async_call(*args: Any, **kwargs: Any) -> Any:
            model = kwargs.get("model")
            if type(model) is not str:
                model = ""
            ks = key_states.get(model) or key_state(model)
            report = await shim.run_async(lambda: method(*args, **kwargs), ks, operation, api_type)
            return report.value if report.exception is None else unwrap_report(report)

        wrapper: Any = async_call
    elif style == "probe":

        async def finish(first: Any, args: tuple, kwargs: dict) -> Any:
            pending = [first]

            def attempt() -> Any:
                return pending.pop() if pending else method(*args, **kwargs)

            model = kwargs.get("model")
            if type(model) is not str:
                model = ""
            ks = key_states.get(model) or key_state(model)
            try:
                report = await shim.run_async(attempt, ks, operation, api_type)
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
            model = kwargs.get("model")
            if type(model) is not str:
                model = ""
            ks = key_states.get(model) or key_state(model)
            report = shim.run(lambda: method(*args, **kwargs), ks, operation, api_type)
            return report.value if report.exception is None else unwrap_report(report)

        wrapper = call

    wrapper.__name__ = getattr(method, "__name__", path[-1])
    wrapper.__doc__ = getattr(method, "__doc__", None)
    wrapper.__wrapped__ = method
    return wrapper


class _ResourceProxy:
    """A resource (client.chat, client.chat.completions, ...) seen through the shim."""

    def __init__(self, target: Any, ctx: _Context, path: tuple[str, ...]) -> None:
        object.__setattr__(self, "_keyshift_target", target)
        object.__setattr__(self, "_keyshift_ctx", ctx)
        object.__setattr__(self, "_keyshift_path", path)

    def __getattr__(self, name: str) -> Any:
        target = object.__getattribute__(self, "_keyshift_target")
        value = getattr(target, name)
        if name.startswith("_"):
            return value
        ctx = object.__getattribute__(self, "_keyshift_ctx")
        path = object.__getattribute__(self, "_keyshift_path") + (name,)
        if callable(value) and not isinstance(value, type):
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
        super().__init__(client, _Context(shim, client), ())

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
