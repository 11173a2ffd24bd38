"""A support bot's nightly batch: answers a queue of customer questions.

Uses the OpenAI SDK a few calls at a time, streams the long answers and
embeds the short ones. The chaos test migrates it with `keyshift migrate
--shim` and runs it against a fault-injecting proxy. Input: CHAOS_WORKLOAD (a
JSON file of phases of calls); output: CHAOS_RESULTS (one record per call)
and CHAOS_METRICS (the shim's Prometheus text, when the shim is there).
"""

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor

from openai import OpenAI

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])


def error_type_of(exc):
    return getattr(exc, "keyshift_error_type", None) or getattr(exc, "error_type", None) or type(exc).__name__


def ask(call):
    messages = [{"role": "user", "content": call["id"]}]
    usage = {"input": 0, "output": 0}
    events = 0

    def add_usage(u):
        if u is not None:
            usage["input"] += getattr(u, "prompt_tokens", 0) or 0
            usage["output"] += getattr(u, "completion_tokens", 0) or 0

    try:
        if call["kind"] == "chat":
            add_usage(client.chat.completions.create(model=call["model"], messages=messages).usage)
        elif call["kind"] == "embed":
            raw = client.embeddings.with_raw_response.create(model=call["model"], input=call["id"])
            add_usage(raw.parse().usage)
        elif call["kind"] == "stream":
            with client.chat.completions.stream(model=call["model"], messages=messages,
                                                stream_options={"include_usage": True}) as stream:
                for event in stream:
                    events += 1
                    add_usage(getattr(event.chunk, "usage", None))
        elif call["kind"] == "stream_break":
            stream = client.chat.completions.create(model=call["model"], messages=messages, stream=True,
                                                    stream_options={"include_usage": True})
            for chunk in stream:
                events += 1
                add_usage(getattr(chunk, "usage", None))
                break  # the first sentence is enough for the preview
        return {"id": call["id"], "kind": call["kind"], "ok": True, "events": events, "usage": usage}
    except Exception as exc:  # noqa: BLE001 - the batch records every failure and goes on
        return {"id": call["id"], "kind": call["kind"], "ok": False, "error_type": error_type_of(exc),
                "events": events, "usage": usage}


def main():
    with open(os.environ["CHAOS_WORKLOAD"], encoding="utf-8") as handle:
        workload = json.load(handle)
    results = []
    for phase in workload["phases"]:
        time.sleep(phase.get("pause_ms", 0) / 1000.0)
        with ThreadPoolExecutor(max_workers=phase["concurrency"]) as pool:
            results.extend(pool.map(ask, phase["calls"]))
    with open(os.environ["CHAOS_RESULTS"], "w", encoding="utf-8") as handle:
        json.dump({"calls": results}, handle)
    shim = getattr(client, "keyshift", None)
    if shim is not None:
        with open(os.environ["CHAOS_METRICS"], "w", encoding="utf-8") as handle:
            handle.write(shim.prometheus_text())


if __name__ == "__main__":
    main()
