"""Metrics registry: OTel GenAI client histograms and keyshift_* resilience series (SHIM_SPEC 1.8).

Every metric is declared once with its kind, ordered label names and buckets
(testdata/shim/metrics.json pins them for all ports). Series handles are
resolved once per label set and then updated directly, which keeps the
per-call cost small. Exports: a JSON-ready snapshot and Prometheus text 0.0.4.
"""

from __future__ import annotations

import bisect
import math
import threading
from typing import Any, Mapping

__all__ = [
    "DURATION_BUCKETS",
    "TOKEN_BUCKETS",
    "METRICS",
    "MetricSpec",
    "Counter",
    "Gauge",
    "Histogram",
    "MetricsRegistry",
    "format_number",
]

DURATION_BUCKETS = (0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92)
TOKEN_BUCKETS = (
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
)  # fmt: skip

_GENAI_LABELS = (
    "gen_ai_operation_name", "gen_ai_provider_name", "gen_ai_request_model", "gen_ai_response_model",
    "server_address", "server_port", "openai_api_type", "error_type",
)  # fmt: skip
_TOKEN_LABELS = (
    "gen_ai_operation_name", "gen_ai_provider_name", "gen_ai_token_type", "gen_ai_request_model",
    "gen_ai_response_model", "server_address", "server_port", "openai_api_type",
)  # fmt: skip
_KEY = ("server_address", "gen_ai_request_model")


class MetricSpec:
    __slots__ = ("name", "otel_name", "kind", "help", "labels", "buckets")

    def __init__(self, name: str, otel_name: str, kind: str, help_text: str, labels: tuple,
                 buckets: tuple | None = None) -> None:  # fmt: skip
        self.name, self.otel_name, self.kind, self.help = name, otel_name, kind, help_text
        self.labels, self.buckets = labels, buckets


# Declaration order is export order; names, help texts and label order match the
# C++ reference (lib/shim/cpp/metrics.cc) so the ports export the same text.
METRICS: dict[str, MetricSpec] = {
    spec.name: spec
    for spec in (
        MetricSpec("gen_ai_client_operation_duration_seconds", "gen_ai.client.operation.duration", "histogram",
                   "Duration of one logical GenAI call: queue wait, attempts and backoff", _GENAI_LABELS,
                   DURATION_BUCKETS),
        MetricSpec("gen_ai_client_operation_time_to_first_chunk_seconds",
                   "gen_ai.client.operation.time_to_first_chunk", "histogram",
                   "Time from the start of a streaming call to its first chunk", _GENAI_LABELS, DURATION_BUCKETS),
        MetricSpec("gen_ai_client_token_usage", "gen_ai.client.token.usage", "histogram",
                   "Tokens reported by responses", _TOKEN_LABELS, TOKEN_BUCKETS),
        MetricSpec("keyshift_attempts_total", "", "counter", "Upstream attempts by outcome", _KEY + ("outcome",)),
        MetricSpec("keyshift_retries_total", "", "counter", "Retries scheduled by reason", _KEY + ("reason",)),
        MetricSpec("keyshift_retry_giveups_total", "", "counter", "Calls that stopped retrying, by reason",
                   _KEY + ("reason",)),
        MetricSpec("keyshift_circuit_state", "", "gauge", "Circuit state: 0 closed, 1 open, 2 half_open", _KEY),
        MetricSpec("keyshift_circuit_transitions_total", "", "counter", "Circuit state transitions",
                   _KEY + ("from", "to")),
        MetricSpec("keyshift_circuit_rejections_total", "", "counter", "Calls rejected by an open circuit", _KEY),
        MetricSpec("keyshift_inflight_requests", "", "gauge", "Attempts holding a concurrency permit", _KEY),
        MetricSpec("keyshift_queue_wait_seconds", "", "histogram", "Time spent waiting for a concurrency permit",
                   _KEY, DURATION_BUCKETS),
        MetricSpec("keyshift_concurrency_rejections_total", "", "counter",
                   "Calls rejected by the concurrency limiter", _KEY + ("reason",)),
        MetricSpec("keyshift_retry_budget_tokens", "", "gauge", "Retry budget tokens left", _KEY),
    )
}  # fmt: skip


class Counter:
    """A monotonically increasing count; *_locked methods expect `lock` held."""

    __slots__ = ("value", "lock")

    def __init__(self, lock: Any = None) -> None:
        self.value = 0
        self.lock = lock if lock is not None else threading.Lock()

    def inc(self, amount: int = 1) -> None:
        with self.lock:
            self.value += amount

    def inc_locked(self, amount: int = 1) -> None:
        self.value += amount

    def read(self) -> dict[str, Any]:
        with self.lock:
            return {"value": self.value}


class Gauge(Counter):
    """A value that goes up and down; a double, as in the other ports."""

    __slots__ = ()

    def __init__(self, lock: Any = None) -> None:
        super().__init__(lock)
        self.value = 0.0

    def set(self, value: float) -> None:
        with self.lock:
            self.value = value

    def add(self, amount: float) -> None:
        with self.lock:
            self.value += amount


class Histogram:
    """Fixed buckets; counts are per bucket (not cumulative), +Inf last."""

    __slots__ = ("bounds", "counts", "sum", "count", "lock")

    def __init__(self, bounds: tuple, lock: Any = None) -> None:
        self.bounds = bounds
        self.counts = [0] * (len(bounds) + 1)
        self.sum = 0.0
        self.count = 0
        self.lock = lock if lock is not None else threading.Lock()

    def observe(self, value: float) -> None:
        # bisect_left: a value equal to a bound belongs to that bound's bucket (le).
        index = bisect.bisect_left(self.bounds, value)
        with self.lock:
            self.counts[index] += 1
            self.sum += value
            self.count += 1

    def observe_locked(self, value: float) -> None:
        self.counts[bisect.bisect_left(self.bounds, value)] += 1
        self.sum += value
        self.count += 1

    def read(self) -> dict[str, Any]:
        with self.lock:
            return {"buckets": list(self.counts), "count": self.count, "sum": self.sum}

    def cumulative(self) -> list[int]:
        total, out = 0, []
        for n in self.counts:
            total += n
            out.append(total)
        return out


def format_number(value: Any) -> str:
    """Shortest round-trip text, as Prometheus clients write sample values and le bounds."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _escape_label(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _label_pairs(spec: MetricSpec, values: tuple) -> list[tuple[str, str]]:
    # Empty label values are omitted from a series (SHIM_SPEC 1.8).
    return [(name, value) for name, value in zip(spec.labels, values) if value]


class MetricsRegistry:
    """All series of one process (or test).

    Every series that carries server_address and gen_ai_request_model shares
    one lock per such key (key_lock), so the shim updates all of a key's
    bookkeeping for an attempt under a single lock acquisition, even when
    several Shim objects report into the same registry.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._series: dict[str, dict[tuple, Any]] = {}
        self._key_locks: dict[tuple[str, str], Any] = {}

    def key_lock(self, server_address: str, request_model: str) -> Any:
        key = (str(server_address), str(request_model))
        lock = self._key_locks.get(key)
        if lock is None:
            with self._lock:
                lock = self._key_locks.setdefault(key, threading.Lock())
        return lock

    @staticmethod
    def spec(name: str) -> MetricSpec:
        spec = METRICS.get(name)
        if spec is None:
            raise KeyError(f"metrics: undeclared metric '{name}'")
        return spec

    def _values(self, spec: MetricSpec, labels: Mapping[str, Any]) -> tuple:
        unknown = set(labels) - set(spec.labels)
        if unknown:
            raise KeyError(f"metrics: {spec.name}: unknown label(s) {sorted(unknown)}")
        return tuple("" if labels.get(name) is None else str(labels.get(name)) for name in spec.labels)

    def _get(self, name: str, kind: str, labels: Mapping[str, Any]) -> Any:
        spec = self.spec(name)
        if spec.kind != kind:
            raise KeyError(f"metrics: {name}: is a {spec.kind}, not a {kind}")
        values = self._values(spec, labels)
        address, model = labels.get("server_address"), labels.get("gen_ai_request_model")
        lock = self.key_lock(address, model) if address is not None and model is not None else None
        with self._lock:
            family = self._series.setdefault(name, {})
            series = family.get(values)
            if series is None:
                if kind == "histogram":
                    series = Histogram(spec.buckets, lock)
                elif kind == "counter":
                    series = Counter(lock)
                else:
                    series = Gauge(lock)
                family[values] = series
            return series

    def counter(self, name: str, labels: Mapping[str, Any] | None = None) -> Counter:
        return self._get(name, "counter", labels or {})

    def gauge(self, name: str, labels: Mapping[str, Any] | None = None) -> Gauge:
        return self._get(name, "gauge", labels or {})

    def histogram(self, name: str, labels: Mapping[str, Any] | None = None) -> Histogram:
        return self._get(name, "histogram", labels or {})

    def find(self, name: str, labels: Mapping[str, Any]) -> Any:
        """The series with exactly these (non-empty) labels, or None."""
        spec = self.spec(name)
        wanted = {k: str(v) for k, v in labels.items() if v not in (None, "")}
        with self._lock:
            for values, series in self._series.get(name, {}).items():
                if dict(_label_pairs(spec, values)) == wanted:
                    return series
        return None

    def _families(self) -> list[tuple[MetricSpec, list[tuple[list[tuple[str, str]], Any]]]]:
        """Every declared metric in declaration order, its series sorted by label values."""
        with self._lock:
            copied = {name: list(family.items()) for name, family in self._series.items()}
        out = []
        for name, spec in METRICS.items():
            rows = sorted(copied.get(name, ()), key=lambda item: item[0])
            out.append((spec, [(_label_pairs(spec, values), series) for values, series in rows]))
        return out

    def snapshot(self) -> dict[str, Any]:
        """JSON-ready view, the shape of the C++ reference's jsonSnapshot():

        {"metrics": [{"name", "otel_name"?, "type", "help", "series": [
            {"labels": {name: value}, "value"}                                    (counter, gauge)
            {"labels", "count", "sum", "buckets": [{"le": "0.01", "count": n}, ...,
                                                   {"le": "+Inf", "count": n}]}  (histogram, cumulative)
        ]}]}  -- every declared metric, in declaration order, even without series.
        """
        metrics = []
        for spec, rows in self._families():
            entry: dict[str, Any] = {"name": spec.name}
            if spec.otel_name:
                entry["otel_name"] = spec.otel_name
            entry["type"] = spec.kind
            entry["help"] = spec.help
            series = []
            for pairs, s in rows:
                data = s.read()
                one: dict[str, Any] = {"labels": dict(pairs)}
                if spec.kind == "histogram":
                    one["count"] = data["count"]
                    one["sum"] = data["sum"]
                    buckets, total = [], 0
                    for bound, n in zip(spec.buckets + (math.inf,), data["buckets"]):
                        total += n
                        buckets.append({"le": format_number(bound), "count": total})
                    one["buckets"] = buckets
                else:
                    one["value"] = data["value"]
                series.append(one)
            entry["series"] = series
            metrics.append(entry)
        return {"metrics": metrics}

    def prometheus_text(self) -> str:
        """Text exposition format 0.0.4."""
        lines: list[str] = []
        for spec, rows in self._families():
            if not rows:
                continue
            name = spec.name
            lines.append(f"# HELP {name} {spec.help}")
            lines.append(f"# TYPE {name} {spec.kind}")
            for pairs, s in rows:
                text = ",".join(f'{k}="{_escape_label(v)}"' for k, v in pairs)
                braced = f"{{{text}}}" if text else ""
                data = s.read()
                if spec.kind == "histogram":
                    sep = "," if text else ""
                    total = 0
                    for bound, n in zip(spec.buckets + (math.inf,), data["buckets"]):
                        total += n
                        lines.append(f'{name}_bucket{{{text}{sep}le="{format_number(bound)}"}} {total}')
                    lines.append(f"{name}_sum{braced} {format_number(data['sum'])}")
                    lines.append(f"{name}_count{braced} {data['count']}")
                else:
                    lines.append(f"{name}{braced} {format_number(data['value'])}")
        return "\n".join(lines) + ("\n" if lines else "")
