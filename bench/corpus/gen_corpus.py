#!/usr/bin/env python3
"""Generate a synthetic, deterministic polyglot corpus for bench/compare.sh.

The corpus is mostly Python (ordinary application code: classes, functions,
logging, dataclasses, comprehensions, f-strings), plus a README.md and a
settings JSON per package, so every tool has to walk and skip non-Python
files too. A chosen fraction of the Python files gets one or two OpenAI
snippets (client constructions, env reads, endpoint literals, module config,
LangChain, a hard-coded key built at run time from the seeded generator);
another fraction gets a "near miss" that contains one of keyshift's prefilter
literals without being OpenAI usage (`stripe_api_key`, `"task-queue"`), so
those files are parsed and then found clean.

The ordinary text of file i depends only on (seed, i): corpora generated with
different rates differ only in the injected snippets, so their timings are
comparable. Nothing this writes is ever committed; compare.sh generates it
into a temporary directory.

usage: gen_corpus.py OUT_DIR [--files N] [--seed S] [--trigger-rate R]
                     [--near-miss-rate R] [--manifest FILE]
"""

import argparse
import json
import os
import random
import string
import sys

WORDS = (
    "account address amount archive asset audit balance batch bucket buffer "
    "cache cart catalog channel chunk cluster column comment config counter "
    "cursor customer dataset deadline delta device digest document domain "
    "entry event export feature field filter folder format frame graph group "
    "handler header history image index invoice item job journal label ledger "
    "limit listing locale mapping member message metric model module node "
    "notice offset order owner packet page parcel partner payload payment "
    "period policy pool price profile project quota range record region "
    "report request result review route sample schedule schema score segment "
    "session shipment signal slot snapshot source stage status stock store "
    "stream summary supplier table tag target template tenant ticket token "
    "topic total trace tracker user value vendor version voucher warehouse "
    "window worker zone"
).split()

VERBS = (
    "build load fetch parse render compute update merge split apply collect "
    "resolve validate normalize export encode decode refresh sync "
    "filter group sort rank schedule dispatch archive restore track ingest"
).split()

STDLIB_IMPORTS = [
    "import os", "import sys", "import json", "import re", "import time",
    "import logging", "import hashlib", "import itertools", "import functools",
    "import collections", "import datetime", "import uuid", "import csv",
    "import math", "import random", "import threading", "import pathlib",
    "import dataclasses", "import typing", "import enum",
    "from typing import Any, Dict, Iterable, List, Optional",
    "from dataclasses import dataclass, field",
    "from collections import defaultdict, OrderedDict",
    "from pathlib import Path", "from datetime import datetime, timedelta",
    "from functools import lru_cache",
]
THIRD_PARTY_IMPORTS = [
    "import requests", "import numpy as np", "import pandas as pd",
    "import yaml", "import click", "from flask import Flask, jsonify",
    "from sqlalchemy import Column, Integer, String",
    "from pydantic import BaseModel", "import boto3", "import redis",
    "from django.db import models", "import httpx",
]


def ident(rng, parts=2):
    return "_".join(rng.choice(WORDS) for _ in range(parts))


def camel(rng, parts=2):
    return "".join(rng.choice(WORDS).capitalize() for _ in range(parts))


def expr(rng, names):
    """A small, plausible right-hand side using the names in scope."""
    a = rng.choice(names)
    b = rng.choice(names)
    choice = rng.randrange(10)
    if choice == 0:
        return f"{a} + {rng.randint(1, 99)}"
    if choice == 1:
        return f"[x for x in {a} if x is not None]"
    if choice == 2:
        return f"{{k: v for k, v in {a}.items() if v}}"
    if choice == 3:
        return f'f"{{{a}}}-{{{b}}}"'
    if choice == 4:
        return f"len({a}) * {rng.randint(2, 16)}"
    if choice == 5:
        return f"sorted({a}, key=lambda item: item.{rng.choice(WORDS)})"
    if choice == 6:
        return f"{a}.get({rng.choice(WORDS)!r}, {rng.randint(0, 9)})"
    if choice == 7:
        return f"max({a}, {b})"
    if choice == 8:
        return f"{a} or {rng.choice(['None', '[]', '{}', '0', repr('')])}"
    return f"{rng.choice(VERBS)}_{rng.choice(WORDS)}({a}, {b})"


def statement_block(rng, indent, names, depth=0):
    pad = " " * indent
    out = []
    for _ in range(rng.randint(2, 6)):
        kind = rng.randrange(9)
        target = ident(rng, 1) + "_" + rng.choice(["id", "map", "list", "count", "value"])
        if kind <= 2:
            out.append(f"{pad}{target} = {expr(rng, names)}")
            names = names + [target]
        elif kind == 3:
            out.append(f'{pad}logger.{rng.choice(["debug", "info", "warning"])}('
                       f'"{rng.choice(VERBS)} {rng.choice(WORDS)} %s", '
                       f"{rng.choice(names)})")
        elif kind == 4 and depth < 2:
            out.append(f"{pad}for {target} in {rng.choice(names)}:")
            out.extend(statement_block(rng, indent + 4, names + [target], depth + 1))
        elif kind == 5 and depth < 2:
            out.append(f"{pad}if {rng.choice(names)} is None:")
            out.extend(statement_block(rng, indent + 4, names, depth + 1))
            if rng.random() < 0.5:
                out.append(f"{pad}else:")
                out.extend(statement_block(rng, indent + 4, names, depth + 1))
        elif kind == 6 and depth < 2:
            out.append(f"{pad}try:")
            out.extend(statement_block(rng, indent + 4, names, depth + 1))
            exc = rng.choice(["KeyError", "ValueError", "OSError", "TimeoutError"])
            out.append(f"{pad}except {exc} as exc:")
            out.append(f'{pad}    logger.exception("{rng.choice(VERBS)} failed: %s", exc)')
            out.append(f"{pad}    raise")
        elif kind == 7:
            out.append(f"{pad}# {rng.choice(VERBS)} the {rng.choice(WORDS)} before the "
                       f"{rng.choice(WORDS)} changes: the {rng.choice(WORDS)} reads it")
        else:
            out.append(f"{pad}{rng.choice(names)}.{rng.choice(VERBS)}({rng.choice(names)})")
    # A block of only comments is a syntax error.
    if all(line.lstrip().startswith("#") for line in out):
        out.append(f"{pad}pass")
    return out


def function(rng, indent, is_method):
    pad = " " * indent
    params = [ident(rng, 1) for _ in range(rng.randint(1, 4))]
    params = list(dict.fromkeys(params))
    sig = ", ".join((["self"] if is_method else []) +
                    [f"{p}: {rng.choice(['int', 'str', 'dict', 'list', 'Optional[str]'])}"
                     for p in params])
    name = f"{rng.choice(VERBS)}_{ident(rng, rng.randint(1, 2))}"
    lines = [f"{pad}def {name}({sig}) -> {rng.choice(['None', 'dict', 'list', 'int', 'str'])}:",
             f'{pad}    """{rng.choice(VERBS).capitalize()} the {rng.choice(WORDS)} '
             f'for one {rng.choice(WORDS)}."""']
    lines.extend(statement_block(rng, indent + 4, params + (["self"] if is_method else [])))
    lines.append(f"{pad}    return {rng.choice(params)}")
    return lines


def klass(rng):
    name = camel(rng, rng.randint(1, 3))
    lines = []
    if rng.random() < 0.4:
        lines.append("@dataclass")
        lines.append(f"class {name}:")
        lines.append(f'    """A {rng.choice(WORDS)} {rng.choice(WORDS)} record."""')
        for _ in range(rng.randint(2, 6)):
            lines.append(f"    {ident(rng, 1)}_{rng.choice(['id', 'name', 'at'])}: "
                         f"{rng.choice(['int', 'str', 'float', 'Optional[str]'])} = None")
    else:
        base = rng.choice(["", "(object)", "(Exception)", f"({camel(rng)}Base)"])
        lines.append(f"class {name}{base}:")
        lines.append(f'    """{rng.choice(VERBS).capitalize()}s {rng.choice(WORDS)}s '
                     f'from the {rng.choice(WORDS)} {rng.choice(WORDS)}."""')
        lines.append("")
        lines.append("    def __init__(self, config: dict) -> None:")
        lines.append("        self.config = config")
        lines.append(f"        self.{ident(rng, 1)} = config.get({rng.choice(WORDS)!r})")
        for _ in range(rng.randint(1, 4)):
            lines.append("")
            lines.extend(function(rng, 4, is_method=True))
    return lines


def ordinary_module(rng, target_size):
    lines = [f'"""{rng.choice(VERBS).capitalize()} {rng.choice(WORDS)}s for the '
             f'{rng.choice(WORDS)} service."""', ""]
    imports = rng.sample(STDLIB_IMPORTS, rng.randint(2, 6))
    imports += rng.sample(THIRD_PARTY_IMPORTS, rng.randint(0, 2))
    lines.extend(sorted(set(imports)))
    lines += ["", "logger = logging.getLogger(__name__)", ""]
    for _ in range(rng.randint(1, 4)):
        lines.append(f"{ident(rng, 2).upper()} = {rng.choice([repr(ident(rng, 1)), str(rng.randint(1, 5000)), '30.0'])}")
    lines.append("")
    size = sum(len(line) + 1 for line in lines)
    while size < target_size:
        lines.append("")
        block = klass(rng) if rng.random() < 0.35 else function(rng, 0, is_method=False)
        lines.append("")
        lines.extend(block)
        size += sum(len(line) + 1 for line in block) + 2
    return lines


def fake_key(rng):
    # Built from pieces at generation time so no key-shaped literal exists in
    # this file; the value is random, never a real credential. The shape of a
    # project key: 74 characters, the marker (base64 of "OpenAI"), 74 more.
    alphabet = string.ascii_letters + string.digits
    half = lambda: "".join(rng.choice(alphabet) for _ in range(74))
    return "sk-" + "proj-" + half() + "T3Bl" + "bkFJ" + half()


def trigger_snippets(rng):
    """One or two OpenAI usages, as module-level Python lines."""
    url = "https://" + "api.openai.com" + "/v1"
    kinds = [
        ["from openai import OpenAI", "", "client = OpenAI()"],
        ["import os", "from openai import OpenAI", "",
         'client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))'],
        ["import os", "from openai import AsyncOpenAI", "",
         'aclient = AsyncOpenAI(api_key=os.environ["OPENAI_API_KEY"], timeout=30)'],
        ["import os", "import openai", "",
         'openai.api_key = os.environ.get("OPENAI_API_KEY")'],
        ["import os", "import requests", "",
         f'COMPLETIONS_URL = "{url}/chat/completions"', "",
         "def complete(payload: dict) -> dict:",
         '    headers = {"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]}',
         "    return requests.post(COMPLETIONS_URL, json=payload, headers=headers).json()"],
        ["import os", "", f'BASE_URL = os.environ.get("OPENAI_BASE_URL", "{url}")'],
        ["from langchain_openai import ChatOpenAI", "",
         'llm = ChatOpenAI(model="gpt-4o-mini", temperature=0)'],
        ["from openai import OpenAI", "",
         f'client = OpenAI(api_key="{fake_key(rng)}")'],
        ["import openai", "",
         "def make_client(timeout: float = 20.0):",
         "    return openai.OpenAI(timeout=timeout, max_retries=2)"],
    ]
    picks = rng.sample(range(len(kinds)), rng.choice([1, 1, 1, 2]))
    lines = []
    for p in picks:
        lines.extend(kinds[p])
        lines.append("")
    return lines, picks


def near_miss_snippet(rng):
    return rng.choice([
        ["import os", 'STRIPE_API_KEY_NAME = "STRIPE_SECRET"',
         "stripe_api_key = os.environ.get(STRIPE_API_KEY_NAME, \"\")"],
        ['QUEUE_NAME = "task-queue"', 'DISK_METRIC = "disk-usage"'],
        ['def build_headers(api_key: str) -> dict:',
         '    return {"X-Api-Key": api_key}'],
    ])


def insert_after_imports(lines, snippet):
    # After the logger line keeps the module importable-looking and puts the
    # snippet at module level, where every snippet above is valid.
    for i, line in enumerate(lines):
        if line.startswith("logger = "):
            return lines[:i + 1] + [""] + snippet + lines[i + 1:]
    return lines + [""] + snippet


def report(summary, manifest):
    """Prints the corpus summary and writes it to the manifest file if asked."""
    if manifest:
        with open(manifest, "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=2)
            f.write("\n")
    print(json.dumps(summary))
    return 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--files", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=20251125)
    ap.add_argument("--trigger-rate", type=float, default=0.015)
    ap.add_argument("--near-miss-rate", type=float, default=0.03)
    ap.add_argument("--mean-size", type=int, default=2700,
                    help="mean target size of the ordinary Python text in bytes")
    ap.add_argument("--manifest", help="write a JSON summary here")
    args = ap.parse_args(argv)

    if os.path.exists(args.out_dir) and os.listdir(args.out_dir):
        print(f"gen_corpus: {args.out_dir}: not empty", file=sys.stderr)
        return 2
    os.makedirs(args.out_dir, exist_ok=True)

    per_dir = 80
    total_bytes = 0
    trigger_files = 0
    near_miss_files = 0
    snippet_counts = {}
    files_written = 0
    for i in range(args.files):
        body_rng = random.Random(f"{args.seed}:body:{i}")
        inject_rng = random.Random(f"{args.seed}:inject:{i}")
        # Log-normal sizes: most modules are small, a few are long.
        target = int(min(40000, max(300, body_rng.lognormvariate(0, 0.6) * args.mean_size * 0.45)))
        lines = ordinary_module(body_rng, target)
        roll = inject_rng.random()
        if roll < args.trigger_rate:
            snippet, picks = trigger_snippets(inject_rng)
            lines = insert_after_imports(lines, snippet)
            trigger_files += 1
            for p in picks:
                snippet_counts[p] = snippet_counts.get(p, 0) + 1
        elif roll < args.trigger_rate + args.near_miss_rate:
            lines = insert_after_imports(lines, near_miss_snippet(inject_rng))
            near_miss_files += 1

        d = i // per_dir
        pkg = os.path.join(args.out_dir, f"svc{d // 25:02d}", f"pkg{d:03d}")
        if i % per_dir == 0:
            os.makedirs(pkg, exist_ok=True)
            readme = (f"# pkg{d:03d}\n\nInternal package: {ident(body_rng, 3)}.\n"
                      "Run the tests with `pytest`.\n")
            settings = json.dumps({"name": f"pkg{d:03d}", "retries": 3,
                                   "owners": [ident(body_rng, 1)]}, indent=2) + "\n"
            for name, text in (("README.md", readme), ("settings.json", settings)):
                with open(os.path.join(pkg, name), "w", encoding="utf-8") as f:
                    f.write(text)
                total_bytes += len(text)
                files_written += 1
        text = "\n".join(lines) + "\n"
        name = f"{ident(body_rng, 2)}_{i:05d}.py"
        with open(os.path.join(pkg, name), "w", encoding="utf-8") as f:
            f.write(text)
        total_bytes += len(text)
        files_written += 1

    summary = {
        "python_files": args.files,
        "files": files_written,
        "bytes": total_bytes,
        "trigger_files": trigger_files,
        "near_miss_files": near_miss_files,
        "snippets_by_kind": {str(k): v for k, v in sorted(snippet_counts.items())},
        "seed": args.seed,
    }
    return report(summary, args.manifest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
