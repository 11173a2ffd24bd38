"""Chaos test of migrated applications (issue "Runtime shim", SHIM_SPEC 1.9-1.12).

For one language: copy the application of testdata/shim/chaos/<lang>/ to a
scratch folder, migrate it with the built `keyshift migrate --shim --apply`,
check the migration (and that a second run changes nothing), then run it
against a fault-injecting mock proxy on 127.0.0.1: bursts of 429 with
Retry-After, 500/502/503, connection resets, a hang longer than the attempt
timeout, streams cut mid-way or stalled, an outage that opens the breaker and
a recovery that closes it, with bounded concurrency and a fixed workload.

Assertions: every call succeeds or fails with the error type its fault
documents (or circuit_open); the proxy saw the attempts the metrics count
(but attempts that timed out before reaching it, each a retryable one), which
equal calls + retries - rejections; every request carried the
proxy's key; the outage key's breaker opened, half-opened and closed; no
permit is left in flight; the Prometheus text parses and its counters add up
to what the application saw (calls by error type, tokens). A stall lasts
until the client hangs up, so a missing timeout shows as a hang (bounded by
ctest's TIMEOUT), never as a timing assertion.

    chaos_test.py --lang js|python|cpp --keyshift BIN --source-dir DIR --work-dir DIR
                  [--cxx CXX --shim-lib LIB]
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import random
import re
import shutil
import string
import subprocess
import sys
import threading
from collections import Counter, defaultdict

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "python"))

from mock_proxy import MockProxy, Request, Step  # noqa: E402

PROXY_KEY_ENV = "CHAOS_PROXY_KEY"
PROXY_URL_ENV = "CHAOS_PROXY_URL"

POLICY = {
    "max_retries": 2, "base_ms": 5, "cap_ms": 20, "attempt_timeout_ms": 300, "total_timeout_ms": 8000,
    "budget_max_tokens": 1000, "breaker_consecutive_failures": 12, "breaker_failure_rate_pct": 100, "breaker_min_calls": 20,
    "breaker_open_base_ms": 300, "limiter_max_in_flight": 4, "limiter_max_wait_ms": 10000,
}  # fmt: skip

KINDS = ["chat", "stream", "embed", "stream", "stream_break"]
FAULTS = ["ok", "429x2", "503", "500,502", "reset", "hang", "cut", "stall_mid", "503x3"]
MIXED_CALLS = 45  # 5 kinds x 9 faults: every kind meets every fault
MIXED_MODEL, OUTAGE_MODEL = "gpt-chaos", "gpt-outage"
# Everything SHIM_SPEC 1.8 lists as an error_type (statuses are checked apart).
DOCUMENTED = {"timeout", "connection_error", "circuit_open", "concurrency_limit", "retry_budget",
              "retry_after_too_long", "cancelled", "_OTHER"}  # fmt: skip


def fake_key() -> str:
    alphabet = string.ascii_letters + string.digits
    return "sk-" + "chaos-" + "".join(random.choice(alphabet) for _ in range(24))


def workload() -> dict:
    mixed = [{"id": f"m{i:03d}", "kind": KINDS[i % len(KINDS)], "model": MIXED_MODEL, "fault": FAULTS[i % len(FAULTS)]}
             for i in range(MIXED_CALLS)]  # fmt: skip
    outage = [{"id": f"o{i}", "kind": "chat", "model": OUTAGE_MODEL, "fault": "outage"} for i in range(6)]
    recovery = [{"id": f"r{i}", "kind": "chat", "model": OUTAGE_MODEL, "fault": "ok"} for i in range(3)]
    return {"phases": [
        {"name": "mixed", "concurrency": 6, "calls": mixed},
        # Sequential, so the breaker's path is exact: o0..o3 fail three times
        # each (the twelfth failure trips it), o4 and o5 are rejected.
        {"name": "outage", "concurrency": 1, "calls": outage},
        # Longer than breaker_open_base_ms: r0 is the probe that closes it.
        {"name": "recovery", "concurrency": 1, "pause_ms": 3 * POLICY["breaker_open_base_ms"], "calls": recovery},
    ]}  # fmt: skip


# -- the upstream -----------------------------------------------------------

def role_chunk(model: str) -> dict:
    return {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": model,
            "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]}


def text_chunk(model: str, text: str, finish: str | None = None) -> dict:
    return {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": model,
            "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": finish}]}


STREAM_USAGE = {"prompt_tokens": 9, "completion_tokens": 2, "total_tokens": 11}


def success(call: dict, stream: bool) -> Step:
    model = call["model"] + "-2026"
    if stream:
        if call["kind"] == "stream_break":
            # One event, then silence: only the caller's close can end it.
            return Step(sse=[role_chunk(model)], then="stall")
        usage_chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": model, "choices": [],
                       "usage": STREAM_USAGE}  # fmt: skip
        return Step(sse=[role_chunk(model), text_chunk(model, "Hello"), text_chunk(model, " there", "stop"),
                         usage_chunk])  # fmt: skip
    if call["kind"] == "embed":
        return Step(body={"object": "list", "model": model, "usage": {"prompt_tokens": 3, "total_tokens": 3},
                          "data": [{"object": "embedding", "index": 0, "embedding": [0.0, 0.5]}]})  # fmt: skip
    return Step(body={"id": "chatcmpl-c", "object": "chat.completion", "created": 1, "model": model,
                      "choices": [{"index": 0, "finish_reason": "stop",
                                   "message": {"role": "assistant", "content": "Hello there"}}],
                      "usage": {"prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 17}})  # fmt: skip


def status(code: int, **headers: str) -> Step:
    return Step(status=code, headers=headers, body={"error": {"message": f"chaos {code}", "type": "server_error"}})


def fault_step(call: dict, attempt: int, stream: bool) -> Step:
    """What attempt `attempt` (0-based) of `call` gets."""
    fault = call["fault"]
    if fault == "outage" or fault == "503x3":
        return status(503)
    if fault == "429x2" and attempt < 2:
        return status(429, **{"retry-after-ms": "20"})
    if fault == "503" and attempt == 0:
        return status(503)
    if fault == "500,502" and attempt < 2:
        return status(500 if attempt == 0 else 502)
    if fault == "reset" and attempt == 0:
        return Step(fault="reset")
    if fault == "hang" and attempt == 0:
        return Step(fault="hang")
    if fault == "cut" and call["kind"] == "stream":
        model = call["model"] + "-2026"
        return Step(sse=[role_chunk(model), text_chunk(model, "Hel")], then="cut")
    if fault == "cut" and call["kind"] != "stream_break" and attempt == 0:
        return status(502)
    if fault == "stall_mid" and call["kind"] == "stream":
        return Step(sse=[role_chunk(call["model"] + "-2026")], then="stall")
    return success(call, stream)


def expected_outcomes(call: dict) -> set:
    """The app-visible outcomes the call's fault allows ('ok' or an error_type)."""
    fault, kind = call["fault"], call["kind"]
    allowed = {"circuit_open"}  # the mixed key's breaker may open under load; the outage key's does
    if fault in ("outage", "503x3"):
        allowed.add("503")
    elif fault == "cut" and kind == "stream":
        allowed.add("connection_error")
    elif fault == "stall_mid" and kind == "stream":
        allowed.add("timeout")
    else:
        allowed.add("ok")
    return allowed


class Upstream:
    def __init__(self, calls: list, proxy_key: str) -> None:
        self.calls = {c["id"]: c for c in calls}
        self.attempts: Counter = Counter()
        self.lock = threading.Lock()
        self.proxy_key = proxy_key
        self.bad_auth: list = []
        # Requests answered so that the attempt must end RETRYABLE (a 429/5xx,
        # a reset, a hang past the attempt timeout).
        self.answered_retryable = 0

    def plan(self, request: Request) -> Step:
        body = request.body if isinstance(request.body, dict) else {}
        if request.headers.get("authorization") != f"Bearer {self.proxy_key}":
            self.bad_auth.append(request.path)
        messages = body.get("messages") or [{}]
        call_id = body.get("input") or messages[-1].get("content")
        call = self.calls.get(call_id)
        if call is None:
            return status(400)
        with self.lock:
            attempt = self.attempts[call_id]
            self.attempts[call_id] += 1
        step = fault_step(call, attempt, body.get("stream") is True)
        if step.status in (429, 500, 502, 503) or step.fault in ("reset", "hang"):
            with self.lock:
                self.answered_retryable += 1
        return step


# -- Prometheus text ----------------------------------------------------------

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.eE+-]+|\+Inf|NaN)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)')


def parse_prometheus(text: str) -> dict:
    """Strict enough for format 0.0.4: {family: {"type": t, "samples": [(name, labels, value)]}}."""
    families: dict = {}
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        where = f"metrics line {number}: {line!r}"
        if not line:
            continue
        if line.startswith("# HELP "):
            continue
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ", 3)
            assert kind in ("counter", "gauge", "histogram"), where
            assert name not in families, f"{where}: family declared twice"
            families[name] = {"type": kind, "samples": []}
            current = name
            continue
        assert not line.startswith("#"), where
        m = SAMPLE.match(line)
        assert m, where
        name, labels_text, value = m.group(1), m.group(3) or "", float(m.group(4))
        labels, pos = {}, 0
        while pos < len(labels_text):
            lm = LABEL.match(labels_text, pos)
            assert lm, where
            labels[lm.group(1)] = lm.group(2)
            pos = lm.end()
        assert current is not None and name.startswith(current), f"{where}: sample outside its family"
        families[current]["samples"].append((name, labels, value))
    for name, family in families.items():
        if family["type"] == "counter":
            assert all(v >= 0 for _, _, v in family["samples"]), f"{name}: negative counter"
        if family["type"] != "histogram":
            continue
        series: dict = defaultdict(dict)
        for sample, labels, value in family["samples"]:
            key = tuple(sorted((k, v) for k, v in labels.items() if k != "le"))
            if sample.endswith("_bucket"):
                series[key].setdefault("buckets", []).append((labels["le"], value))
            else:
                series[key][sample[len(name):]] = value
        for key, s in series.items():
            counts = [v for _, v in s["buckets"]]
            assert counts == sorted(counts), f"{name}{key}: buckets not cumulative"
            assert s["buckets"][-1][0] == "+Inf" and counts[-1] == s["_count"], f"{name}{key}: +Inf != _count"
            assert s["_sum"] >= 0, f"{name}{key}: negative sum"
    return families


def total(families: dict, name: str, sample: str | None = None, **labels: str) -> float:
    family = families.get(name)
    if family is None:
        return 0.0
    sample = sample or name
    return sum(v for n, ls, v in family["samples"]
               if n == sample and all(ls.get(k) == want for k, want in labels.items()))  # fmt: skip


# -- the run ------------------------------------------------------------------

def run(cmd: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=240, **kwargs)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def migrate(args: argparse.Namespace, app: pathlib.Path) -> None:
    flags = ["--shim", "--base-url", "https://llm-proxy.example/v1", "--key-env", PROXY_KEY_ENV,
             "--base-url-env", PROXY_URL_ENV]  # fmt: skip
    # Named on the command line: the scratch folder may sit in an ignored
    # part of a git work tree (build/), whose walk would skip it.
    name = next(p.name for p in app.iterdir() if p.name.startswith("app."))
    run([args.keyshift, "migrate", "--apply", *flags, name], cwd=app)
    source = (app / name).read_text()
    want = {"js": ["from 'keyshift-shim'", "wrap(new OpenAI(", "process.env.CHAOS_PROXY_KEY"],
            "python": ["from keyshift_shim import wrap", "wrap(OpenAI(", 'os.environ["CHAOS_PROXY_KEY"]'],
            "cpp": ['getenv("CHAOS_PROXY_KEY")', 'getenv("CHAOS_PROXY_URL")', "https://llm-proxy.example/v1"]}
    for marker in want[args.lang]:
        assert marker in source, f"migrated app lacks {marker!r}:\n{source}"
    assert "OPENAI_API_KEY" not in source, f"the migrated app still reads OPENAI_API_KEY:\n{source}"
    # Idempotent: a second run finds nothing to change.
    run([args.keyshift, "migrate", "--check", *flags, name], cwd=app)


def prepare(args: argparse.Namespace, app: pathlib.Path, source: pathlib.Path) -> list:
    """The command that runs the migrated app."""
    if args.lang == "js":
        modules = app / "node_modules"
        modules.mkdir()
        (modules / "openai").symlink_to(source / "node_modules" / "openai")
        (modules / "keyshift-shim").symlink_to(source / "lib" / "shim" / "js")
        return [args.node, str(app / "app.mjs")]
    if args.lang == "python":
        return [sys.executable, str(app / "app.py")]
    binary = app / "app"
    run([args.cxx, "-std=c++20", "-O0", "-I", str(source / "lib" / "shim" / "cpp" / "include"), str(app / "app.cc"),
         args.shim_lib, "-lcurl", "-pthread", "-o", str(binary)])  # fmt: skip
    return [str(binary)]


def check(lang: str, wl: dict, results: list, families: dict, upstream: Upstream, proxy: MockProxy) -> None:
    calls = [c for phase in wl["phases"] for c in phase["calls"]]
    by_id = {c["id"]: c for c in calls}
    assert sorted(r["id"] for r in results) == sorted(by_id), "every call reported once"
    assert not upstream.bad_auth, f"requests without the proxy's key: {upstream.bad_auth[:5]}"
    # 1. Each call ends as its fault allows, with a documented error type.
    seen_types: Counter = Counter()
    for r in results:
        call = by_id[r["id"]]
        outcome = "ok" if r["ok"] else r.get("error_type")
        assert outcome in expected_outcomes(call), f"{lang}: {r} for fault {call['fault']}"
        assert outcome == "ok" or outcome in DOCUMENTED or outcome.isdigit(), f"{lang}: undocumented {r}"
        # What the metrics must say: a preview closed on purpose is `cancelled`.
        label = "cancelled" if r["ok"] and call["kind"] == "stream_break" else (None if r["ok"] else outcome)
        seen_types[label] += 1
    # 2. Calls by error type, as the duration histogram counts them.
    duration = "gen_ai_client_operation_duration_seconds"
    assert total(families, duration, duration + "_count") == len(results)
    for label, count in seen_types.items():
        if label is None:
            got = sum(v for n, ls, v in families[duration]["samples"] if n == duration + "_count" and "error_type" not in ls)
        else:
            got = total(families, duration, duration + "_count", error_type=label)
        assert got == count, f"{lang}: {count} calls ended {label or 'ok'}, the metrics say {got}"
    # 3. HTTP attempts = calls + retries - rejections, and the proxy saw exactly those.
    attempts = total(families, "keyshift_attempts_total")
    retries = total(families, "keyshift_retries_total")
    rejected = total(families, "keyshift_circuit_rejections_total") + \
        total(families, "keyshift_concurrency_rejections_total")
    # The proxy sees every attempt but those the SDK's attempt timeout ended
    # before they reached it (under load a request can wait for a socket or
    # for the proxy's accept longer than attempt_timeout_ms): the shim counts
    # such an attempt, rightly (SHIM_SPEC 1.2: an attempt timeout before the
    # headers is RETRYABLE). So the proxy may see fewer, never more, and each
    # attempt it missed is a retryable one beyond those it answered with a
    # retryable failure. (An exact equality failed once under load: 110
    # requests, 111 attempts.)
    unseen = attempts - len(proxy.requests)
    retryable = total(families, "keyshift_attempts_total", outcome="retryable")
    assert unseen >= 0, f"{lang}: proxy saw {len(proxy.requests)} requests, metrics count only {attempts} attempts"
    assert unseen <= retryable - upstream.answered_retryable, (
        f"{lang}: {unseen} attempts never reached the proxy, but only "
        f"{retryable - upstream.answered_retryable} of the {retryable} retryable attempts can have timed out on the way")
    assert attempts == len(results) + retries - rejected, f"{lang}: {attempts} != {len(results)} + {retries} - {rejected}"
    # 4. No permit left in flight.
    inflight = [v for _, _, v in families["keyshift_inflight_requests"]["samples"]]
    assert inflight and all(v == 0 for v in inflight), f"{lang}: in flight at the end: {inflight}"
    # 5. The outage opened the breaker, the recovery's probe closed it.
    outage = {"gen_ai_request_model": OUTAGE_MODEL}
    transitions = {(ls["from"], ls["to"]): v for n, ls, v in families["keyshift_circuit_transitions_total"]["samples"]
                   if ls.get("gen_ai_request_model") == OUTAGE_MODEL and v > 0}  # fmt: skip
    assert transitions == {("closed", "open"): 1, ("open", "half_open"): 1, ("half_open", "closed"): 1}, transitions
    assert total(families, "keyshift_circuit_state", **outage) == 0
    assert total(families, "keyshift_circuit_rejections_total", **outage) == 2
    outcomes = {r["id"]: ("ok" if r["ok"] else r["error_type"]) for r in results}
    assert [outcomes[f"o{i}"] for i in range(6)] == ["503"] * 4 + ["circuit_open"] * 2, outcomes
    assert all(outcomes[f"r{i}"] == "ok" for i in range(3)), outcomes
    # 6. Tokens: what the application was told is what the metrics recorded.
    for token_type, member in (("input", "input"), ("output", "output")):
        app_tokens = sum(r["usage"][member] for r in results)
        got = total(families, "gen_ai_client_token_usage", "gen_ai_client_token_usage_sum", gen_ai_token_type=token_type)
        assert got == app_tokens, f"{lang}: {token_type} tokens: app saw {app_tokens}, metrics {got}"
    # The faults were served, not all refused by an open breaker.
    served = Counter(by_id[i]["fault"] for i, n in upstream.attempts.items() for _ in range(n))
    for fault in FAULTS:
        assert served[fault] > 0, f"{lang}: no request met fault {fault}: {served}"
    streams = [r for r in results if by_id[r["id"]]["kind"] == "stream" and by_id[r["id"]]["fault"] == "cut"]
    assert any(r.get("error_type") == "connection_error" for r in streams), f"{lang}: no stream was cut: {streams}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", required=True, choices=["js", "python", "cpp"])
    parser.add_argument("--keyshift", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--node", default="node")
    parser.add_argument("--cxx", default="c++")
    parser.add_argument("--shim-lib", default="")
    args = parser.parse_args()
    source = pathlib.Path(args.source_dir).resolve()
    work = pathlib.Path(args.work_dir) / args.lang
    shutil.rmtree(work, ignore_errors=True)
    app = work / "app"
    shutil.copytree(source / "testdata" / "shim" / "chaos" / args.lang, app)
    if args.lang == "cpp":
        (app / "compile_commands.json").write_text(json.dumps([{
            "directory": str(app), "file": "app.cc",
            "arguments": ["c++", "-std=c++20", "-I", str(source / "lib" / "shim" / "cpp" / "include"), "-c", "app.cc"],
        }]))  # fmt: skip
    migrate(args, app)
    command = prepare(args, app, source)

    wl = workload()
    (work / "workload.json").write_text(json.dumps(wl))
    key = fake_key()
    upstream = Upstream([c for phase in wl["phases"] for c in phase["calls"]], key)
    with MockProxy(upstream.plan) as proxy:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KEYSHIFT_SHIM")}
        env.update({
            PROXY_URL_ENV: proxy.base_url, PROXY_KEY_ENV: key,
            # The OpenAI variables point elsewhere: a migrated app must not use them.
            "OPENAI_API_KEY": fake_key(), "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
            "KEYSHIFT_SHIM_POLICY": json.dumps(POLICY),
            "CHAOS_WORKLOAD": str(work / "workload.json"), "CHAOS_RESULTS": str(work / "results.json"),
            "CHAOS_METRICS": str(work / "metrics.prom"),
            "PYTHONPATH": os.pathsep.join([str(HERE.parent / "python" / "fake_sdk"),
                                           str(source / "lib" / "shim" / "python")]),
            "PYTHONDONTWRITEBYTECODE": "1",
        })  # fmt: skip
        run(command, cwd=app, env=env)
    results = json.loads((work / "results.json").read_text())["calls"]
    families = parse_prometheus((work / "metrics.prom").read_text())
    check(args.lang, wl, results, families, upstream, proxy)
    fails = Counter("ok" if r["ok"] else r["error_type"] for r in results)
    print(f"chaos {args.lang}: {len(results)} calls, {len(proxy.requests)} HTTP attempts, outcomes {dict(fails)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
