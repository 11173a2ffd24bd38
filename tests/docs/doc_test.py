#!/usr/bin/env python3
"""Proven documentation: every fenced block of README.md, docs/*.md and
lib/shim/*/README.md is exercised, so a doc that drifts fails the build.

How a block is checked is chosen by the HTML comment on the line just before
its opening fence (docs/doc-tests.md lists the markers), else by its
language:

  <!-- doc-test: run FROM [drop=FILE] -->   sh: run in a scratch git repo
        holding a copy of FROM (a repository path, committed), with the built
        `keyshift` first on PATH; every command must exit 0 or 1 (keyshift's
        "found something"), never 2 (usage/config) or more.
  <!-- doc-test: same-as PATH -->            the block is PATH's text.
  <!-- doc-test: keyshift-config FROM -->    json: written as .keyshift.json
        over a copy of FROM; `keyshift migrate --check .` must accept it.
  <!-- doc-test: json-members -->            json: members of an object.
  <!-- doc-test: illustrative: REASON -->    not run; the reason is required.
  json / yaml      must parse.
  cpp              compiled against the shim installed from this build
                   (pkg-config, as README documents), run against a mock
                   OpenAI-compatible server on 127.0.0.1: must exit 0.
  python / js      run against the same mock server (Python: the shim and
                   tests/shim/python/fake_sdk's `openai`; JS: the shim and the
                   pinned `openai` npm package): must exit 0.
  no language      text (sample output, trees): not run.
Any other block (sh without a marker, say) is an error: decide what it is.

Usage: doc_test.py SOURCE_DIR BUILD_DIR WORK_DIR [FILTER]
(KEYSHIFT_BIN_DIR: where `keyshift` is, default BUILD_DIR; FILTER: only the
blocks whose "path:line" contains it.)
"""

from __future__ import annotations

import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass

FENCE = re.compile(r"^(\s*)```(\S*)\s*$")
MARKER = re.compile(r"^\s*<!--\s*doc-test:\s*(.*?)\s*-->\s*$")
# What the mock server checks every call carried (never a realistic key).
GATEWAY_KEY = "doc-test-gateway-key"


@dataclass
class Block:
    path: str  # relative to the source dir
    line: int  # of the opening fence
    lang: str
    marker: str  # "" when none
    text: str

    def where(self) -> str:
        return f"{self.path}:{self.line}"


def blocks_of(source: str, path: str) -> list[Block]:
    lines = open(os.path.join(source, path), encoding="utf-8").read().split("\n")
    out = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, lang = m.group(1), m.group(2)
        j = i + 1
        while j < len(lines) and not FENCE.match(lines[j]):
            j += 1
        if j == len(lines):
            raise SystemExit(f"{path}:{i + 1}: unclosed fence")
        if FENCE.match(lines[j]).group(2):
            raise SystemExit(f"{path}:{j + 1}: a fence opens inside the block of line {i + 1}")
        body = [ln[len(indent):] if ln.startswith(indent) else ln.lstrip() for ln in lines[i + 1:j]]
        marker = MARKER.match(lines[i - 1]) if i > 0 else None
        out.append(Block(path, i + 1, lang, marker.group(1) if marker else "", "\n".join(body) + "\n"))
        i = j + 1
    return out


def documents(source: str) -> list[str]:
    found = ["README.md"] + sorted(glob.glob("docs/*.md", root_dir=source))
    found += sorted(glob.glob("lib/shim/*/README.md", root_dir=source))
    return found


class Checker:
    def __init__(self, source: str, build: str, work: str) -> None:
        self.source, self.build, self.work = source, build, work
        self.count = 0
        self.env = dict(os.environ)
        bindir = os.environ.get("KEYSHIFT_BIN_DIR", build)
        self.env["PATH"] = bindir + os.pathsep + self.env.get("PATH", "")
        for k, v in {"GIT_AUTHOR_NAME": "doc", "GIT_AUTHOR_EMAIL": "doc@example.invalid",
                     "GIT_COMMITTER_NAME": "doc", "GIT_COMMITTER_EMAIL": "doc@example.invalid",
                     "LC_ALL": "C.UTF-8", "GIT_EDITOR": "sed -i 1idoc-test"}.items():
            self.env[k] = v
        self._prefix: str | None = None
        self._proxy = None

    def scratch(self, block: Block, name: str = "repo") -> str:
        self.count += 1
        d = os.path.join(self.work, f"{self.count:02d}-{os.path.basename(block.path)}-{block.line}", name)
        shutil.rmtree(os.path.dirname(d), ignore_errors=True)
        os.makedirs(d)
        return d

    def run(self, argv, cwd: str, env=None, ok=(0,)) -> subprocess.CompletedProcess:
        r = subprocess.run(argv, cwd=cwd, env=env or self.env, capture_output=True, text=True, timeout=300,
                           stdin=subprocess.DEVNULL)
        if r.returncode not in ok:
            raise Failure(f"`{' '.join(argv)}` exited {r.returncode}\n{r.stdout}\n{r.stderr}")
        return r

    def repo_from(self, block: Block, origin: str, drop: str = "") -> str:
        repo = self.scratch(block)
        shutil.copytree(os.path.join(self.source, origin), repo, dirs_exist_ok=True)
        if drop:
            os.remove(os.path.join(repo, drop))
        self.run(["git", "init", "-q"], repo)
        self.run(["git", "add", "-A"], repo)
        self.run(["git", "commit", "-q", "-m", "fixture"], repo)
        return repo

    # --- markers -----------------------------------------------------------
    def run_shell(self, block: Block, args: list[str]) -> None:
        origin = args[0]
        drop = next((a[5:] for a in args[1:] if a.startswith("drop=")), "")
        repo = self.repo_from(block, origin, drop)
        # Each command (continuation lines joined) is checked on its own:
        # documented commands may exit 1 by design, never 2 or more.
        script, command, first = ["set -u"], "", 0
        for n, line in enumerate(block.text.rstrip("\n").split("\n")):
            if not command:
                first = n
            command += line + "\n"
            if line.endswith("\\"):
                continue
            script.append(command.rstrip("\n"))
            script.append(f'rc=$?; if [ "$rc" -gt 1 ]; then echo "doc-test: line {block.line + 1 + first} '
                          f'exited $rc" >&2; exit 1; fi')
            command = ""
        self.run(["bash", "-c", "\n".join(script)], repo)

    def same_as(self, block: Block, path: str) -> None:
        with open(os.path.join(self.source, path), encoding="utf-8") as f:
            if f.read() != block.text:
                raise Failure(f"differs from {path}: copy the file into the block")

    def keyshift_config(self, block: Block, origin: str) -> None:
        repo = self.repo_from(block, origin)
        with open(os.path.join(repo, ".keyshift.json"), "w", encoding="utf-8") as f:
            f.write(block.text)
        self.run(["keyshift", "migrate", "--check", "."], repo, ok=(0, 1))

    # --- languages ---------------------------------------------------------
    def shim_prefix(self) -> str:
        """The C++ shim installed from this build, as README documents."""
        if self._prefix is None:
            prefix = os.path.join(self.work, "prefix")
            shutil.rmtree(prefix, ignore_errors=True)
            self.run(["cmake", "--install", self.build, "--prefix", prefix, "--component", "keyshift_shim"],
                     self.work)
            self._prefix = prefix
        return self._prefix

    def proxy(self):
        if self._proxy is None:
            sys.path.insert(0, os.path.join(self.source, "tests/shim/python"))
            from mock_proxy import MockProxy, Step, chat_completion, chunk

            def plan(request):
                body = request.body if isinstance(request.body, dict) else {}
                model = body.get("model", "gpt-4o-mini")
                if request.headers.get("authorization") != f"Bearer {GATEWAY_KEY}":
                    return Step(status=401, body={"error": {"message": "doc-test: wrong key"}})
                if body.get("stream"):
                    return Step(sse=[chunk(model, "hi"), chunk(model, usage={"prompt_tokens": 3,
                                "completion_tokens": 1, "total_tokens": 4})])  # fmt: skip
                if request.path.endswith("/responses"):
                    return Step(body={"id": "resp-1", "object": "response", "model": model, "output": [],
                                      "usage": {"input_tokens": 3, "output_tokens": 1, "total_tokens": 4}})
                return Step(body=chat_completion(model, "hi"))

            self._proxy = MockProxy(plan)
        return self._proxy

    def proxy_env(self) -> dict:
        url = self.proxy().base_url
        env = dict(self.env)
        env.update({"OPENAI_BASE_URL": url, "OPENAI_API_KEY": GATEWAY_KEY,
                    "LLM_GATEWAY_URL": url, "LLM_GATEWAY_KEY": GATEWAY_KEY})
        return env

    def expect_calls(self, before: int, block: Block) -> None:
        if len(self.proxy().requests) <= before:
            raise Failure("the snippet made no call to the mock server")

    def cpp(self, block: Block) -> None:
        d = self.scratch(block, "cpp")
        src, exe = os.path.join(d, "snippet.cc"), os.path.join(d, "snippet")
        with open(src, "w", encoding="utf-8") as f:
            f.write(block.text)
        pcdir = glob.glob(os.path.join(self.shim_prefix(), "lib*", "pkgconfig"))
        env = dict(self.env, PKG_CONFIG_PATH=os.pathsep.join(pcdir))
        flags = self.run(["pkg-config", "--cflags", "--libs", "keyshift_shim"], d, env).stdout
        cxx = os.environ.get("CXX", "c++")
        self.run([cxx, "-std=c++20", src, "-o", exe] + shlex.split(flags), d, env)
        before = len(self.proxy().requests)
        self.run([exe], d, self.proxy_env())
        self.expect_calls(before, block)

    def python(self, block: Block) -> None:
        d = self.scratch(block, "py")
        with open(os.path.join(d, "snippet.py"), "w", encoding="utf-8") as f:
            f.write(block.text)
        env = self.proxy_env()
        env["PYTHONPATH"] = os.pathsep.join([os.path.join(self.source, "lib/shim/python"),
                                             os.path.join(self.source, "tests/shim/python/fake_sdk")])
        before = len(self.proxy().requests)
        self.run([sys.executable, "snippet.py"], d, env)
        self.expect_calls(before, block)

    def js(self, block: Block) -> None:
        d = self.scratch(block, "js")
        modules = os.path.join(d, "node_modules")
        os.makedirs(modules)
        os.symlink(os.path.join(self.source, "node_modules/openai"), os.path.join(modules, "openai"))
        os.symlink(os.path.join(self.source, "lib/shim/js"), os.path.join(modules, "keyshift-shim"))
        name = "snippet.mjs" if re.search(r"^import ", block.text, re.M) else "snippet.cjs"
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(block.text)
        before = len(self.proxy().requests)
        self.run(["node", name], d, self.proxy_env())
        self.expect_calls(before, block)

    def check(self, block: Block) -> str:
        """Checks one block; returns how, for the log."""
        words = block.marker.split()
        kind = words[0] if words else ""
        if kind == "illustrative:":
            if len(words) < 2:
                raise Failure("an illustrative block needs a reason")
            return "illustrative"
        if kind == "run" and len(words) >= 2 and block.lang in ("sh", "bash"):
            self.run_shell(block, words[1:])
        elif kind == "same-as" and len(words) == 2:
            self.same_as(block, words[1])
        elif kind == "keyshift-config" and len(words) == 2 and block.lang == "json":
            self.keyshift_config(block, words[1])
        elif kind == "json-members" and block.lang == "json":
            json.loads("{" + block.text + "}")
        elif kind:
            raise Failure(f"unknown or misplaced marker '{block.marker}'")
        elif block.lang == "json":
            json.loads(block.text)
        elif block.lang == "yaml":
            import yaml

            yaml.safe_load(block.text)
        elif block.lang == "cpp":
            self.cpp(block)
        elif block.lang == "python":
            self.python(block)
        elif block.lang in ("js", "javascript"):
            self.js(block)
        elif block.lang in ("", "text"):
            return "text"
        else:
            raise Failure(f"a '{block.lang}' block without a marker: mark it run, same-as or illustrative "
                          "(tests/docs/doc_test.py)")
        return kind or block.lang


class Failure(Exception):
    pass


def main() -> int:
    source, build, work = (os.path.abspath(a) for a in sys.argv[1:4])
    only = sys.argv[4] if len(sys.argv) > 4 else ""
    os.makedirs(work, exist_ok=True)
    checker = Checker(source, build, work)
    failures, tally = [], {}
    try:
        for doc in documents(source):
            for block in blocks_of(source, doc):
                if only and only not in block.where():
                    continue
                try:
                    how = checker.check(block)
                    tally[how] = tally.get(how, 0) + 1
                    print(f"ok   {block.where()} ({how})")
                except (Failure, ValueError, subprocess.TimeoutExpired) as e:
                    failures.append(block.where())
                    print(f"FAIL {block.where()}: {e}")
    finally:
        if checker._proxy is not None:
            checker._proxy.close()
    print("doc-test: " + ", ".join(f"{n} {k}" for k, n in sorted(tally.items())))
    if failures:
        print(f"doc-test: {len(failures)} block(s) failed: {' '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
