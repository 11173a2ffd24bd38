#!/usr/bin/env python3
"""Generate a synthetic polyglot tree for bench/keys_compare.sh.

Files of many types (Python from gen_corpus.py's generator, JavaScript,
Markdown, YAML, JSON, .env, shell, Dockerfiles, logs, notebooks, plain
text), a fraction holding one fake OpenAI key in a varied position (string,
comment, URL, header, .env line, notebook output), and a fraction holding
near misses that contain "sk-" without being keys (scikit-learn's "sk-learn",
"task-queue", placeholders, redacted keys), so every tool reads and
searches everything. Keys are assembled from random characters at
generation time; no key-shaped literal is in this script. Nothing generated
is ever committed.

With --history N it also writes OUT_DIR/history.git-fast-import: N commits
of small edits, a fraction adding a key and a later commit deleting it, for
`git fast-import` (the history benchmark).

usage: gen_key_corpus.py OUT_DIR [--files N] [--seed S] [--key-rate R]
                         [--near-miss-rate R] [--history N] [--manifest FILE]
"""

import argparse
import json
import os
import random
import string
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_corpus  # noqa: E402  (the ordinary Python text)

ALNUM = string.ascii_letters + string.digits


def fake_key(rng):
    """A project or legacy key shape, marker included, random otherwise."""
    marker = "T3Bl" + "bkFJ"
    if rng.random() < 0.5:
        half = lambda: "".join(rng.choice(ALNUM) for _ in range(74))
        return "sk-" + "proj-" + half() + marker + half()
    half = lambda: "".join(rng.choice(ALNUM) for _ in range(20))
    return "sk-" + half() + marker + half()


def words(rng, n):
    return " ".join(rng.choice(gen_corpus.WORDS) for _ in range(n))


def prose_lines(rng, size):
    out, total = [], 0
    while total < size:
        line = words(rng, rng.randint(6, 14)).capitalize() + "."
        out.append(line)
        total += len(line) + 1
    return out


KEY_PLACES = [
    lambda k: f'API_KEY = "{k}"',
    lambda k: f"# old key, rotated: {k}",
    lambda k: f"https://api.example.com/v1/run?api_key={k}&q=1",
    lambda k: f"Authorization: Bearer {k}",
    lambda k: f"OPENAI_API_KEY={k}",
    lambda k: f"openai_api_key: '{k}'",
    lambda k: f'"env": "OPENAI_API_KEY=\\"{k}\\"\\n"',
]

NEAR_MISSES = [
    "pip install scikit-learn  # a.k.a. sk-learn",
    'QUEUE = "task-queue"  # disk-usage, risk-free',
    "OPENAI_API_KEY=sk-...",
    "api_key: sk-your-key-here",
    "key: sk-proj-\u2026AbCd  # redacted",
    "export OPENAI_API_KEY=${OPENAI_API_KEY}",
]


def file_text(rng, kind, size):
    """(relative name suffix, lines) of an ordinary file of `kind`."""
    if kind == "py":
        return ".py", gen_corpus.ordinary_module(rng, size)
    if kind == "js":
        lines = []
        while sum(len(x) + 1 for x in lines) < size:
            name = gen_corpus.camel(rng, 2)
            lines += [f"export function {name}({gen_corpus.ident(rng, 1)}) {{",
                      f"  return `{words(rng, 5)}`;", "}", ""]
        return ".js", lines
    if kind == "md":
        return ".md", [f"# {words(rng, 3)}", ""] + prose_lines(rng, size)
    if kind == "yaml":
        return ".yaml", [f"{gen_corpus.ident(rng, 2)}: {words(rng, 3)}"
                         for _ in range(max(1, size // 30))]
    if kind == "json":
        obj = {gen_corpus.ident(rng, 2): words(rng, 4) for _ in range(max(1, size // 40))}
        return ".json", json.dumps(obj, indent=2).splitlines()
    if kind == "env":
        return ".env", [f"{gen_corpus.ident(rng, 2).upper()}={rng.randint(0, 9999)}"
                        for _ in range(max(1, size // 25))]
    if kind == "sh":
        return ".sh", ["#!/bin/sh", "set -eu"] + [f"echo {words(rng, 4)}"
                                                 for _ in range(max(1, size // 30))]
    if kind == "docker":
        return "/Dockerfile", ["FROM python:3.12-slim", "WORKDIR /app",
                               "COPY . .", "RUN pip install -r requirements.txt"]
    if kind == "log":
        return ".log", [f"2025-01-{rng.randint(10, 28)}T10:{rng.randint(10, 59)}:00Z INFO "
                        + words(rng, 8) for _ in range(max(1, size // 70))]
    if kind == "ipynb":
        cells = [{"cell_type": "code", "source": [words(rng, 5) + "\n"],
                  "outputs": [{"output_type": "stream", "text": [words(rng, 6)]}]}
                 for _ in range(max(1, size // 200))]
        return ".ipynb", json.dumps({"cells": cells, "nbformat": 4}, indent=1).splitlines()
    return ".txt", prose_lines(rng, size)


KINDS = (["py"] * 35 + ["js"] * 12 + ["md"] * 10 + ["yaml"] * 8 + ["json"] * 8 +
         ["txt"] * 6 + ["sh"] * 5 + ["log"] * 6 + ["env"] * 3 + ["ipynb"] * 4 +
         ["docker"] * 3)


def write_history(path, rng, commits, key_rate):
    """A git fast-import stream: small edits, some adding then deleting keys."""
    out = []
    mark = 0
    added = []
    for c in range(commits):
        mark += 1
        files = {}
        for _ in range(rng.randint(1, 3)):
            name = f"src/m{rng.randint(0, 199):03d}.txt"
            files[name] = "\n".join(prose_lines(rng, 600)) + "\n"
        if rng.random() < key_rate:
            name = f"conf/k{c:05d}.env"
            files[name] = f"OPENAI_API_KEY={fake_key(rng)}\n"
            added.append(name)
        elif added and rng.random() < 0.5:
            name = added.pop(0)
            files[name] = None  # deleted again
        out.append(f"commit refs/heads/main\nmark :{mark}\n"
                   f"committer bench <bench@example.invalid> {1700000000 + c} +0000\n"
                   f"data 8\ncommit {c % 10}\n")
        for name, text in files.items():
            if text is None:
                out.append(f"D {name}\n")
            else:
                data = text.encode()
                out.append(f"M 100644 inline {name}\ndata {len(data)}\n{text}\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(out))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--files", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=20250601)
    ap.add_argument("--key-rate", type=float, default=0.005)
    ap.add_argument("--near-miss-rate", type=float, default=0.03)
    ap.add_argument("--mean-size", type=int, default=3000)
    ap.add_argument("--history", type=int, default=0)
    ap.add_argument("--manifest")
    args = ap.parse_args(argv)
    if os.path.exists(args.out_dir) and os.listdir(args.out_dir):
        print(f"gen_key_corpus: {args.out_dir}: not empty", file=sys.stderr)
        return 2
    tree = os.path.join(args.out_dir, "tree")
    total, key_files, near = 0, 0, 0
    by_kind = {}
    for i in range(args.files):
        rng = random.Random(f"{args.seed}:{i}")
        kind = rng.choice(KINDS)
        size = int(min(40000, max(200, rng.lognormvariate(0, 0.6) * args.mean_size * 0.5)))
        suffix, lines = file_text(rng, kind, size)
        roll = rng.random()
        if roll < args.key_rate:
            lines.insert(rng.randint(0, len(lines)), rng.choice(KEY_PLACES)(fake_key(rng)))
            key_files += 1
        elif roll < args.key_rate + args.near_miss_rate:
            lines.insert(rng.randint(0, len(lines)), rng.choice(NEAR_MISSES))
            near += 1
        d = os.path.join(tree, f"team{i // 2000:02d}", f"pkg{i // 80:04d}")
        name = (f"f{i:05d}" + suffix) if not suffix.startswith("/") else f"img{i:05d}" + suffix
        path = os.path.join(d, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        text = "\n".join(lines) + "\n"
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode())
        by_kind[kind] = by_kind.get(kind, 0) + 1
    summary = {"files": args.files, "bytes": total, "key_files": key_files,
               "near_miss_files": near, "files_by_kind": dict(sorted(by_kind.items())),
               "seed": args.seed}
    if args.history:
        write_history(os.path.join(args.out_dir, "history.git-fast-import"),
                      random.Random(f"{args.seed}:history"), args.history, 0.02)
        summary["history_commits"] = args.history
    return gen_corpus.report(summary, args.manifest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
