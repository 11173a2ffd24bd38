#!/usr/bin/env python3
"""Regenerates the seed corpora in tests/fuzz/corpus/<fuzzer>/ from files
already in the repository (rules, golden inputs, config test cases), so the
seeds stay small, reviewable and free of anything that looks like a real
key. Run it after changing the inputs it reads; fuzzers then grow their own
corpora in a scratch directory (docs/fuzzing.md), never in the repo.

    python3 tests/fuzz/make_corpus.py
"""

import hashlib
import pathlib
import random
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fuzz" / "corpus"

GOLDEN = ROOT / "testdata" / "golden" / "python"
PYTHON_CASES = ["client-bare", "client-hardcoded-key", "crlf-bom",
                "env-reads", "endpoint-literals", "module-config",
                "syntax-error", "invalid-utf8"]
RULES = ["rules/python/client-construction.json",
         "rules/python/env-key-ref.json",
         "rules/python/module-config.json",
         "testdata/rules/valid/user-minimal.json",
         "testdata/rules/valid/python-azure-needs-review.json"]
CONFIGS = ["no-proxy", "only-base-url", "unknown-proxy-key",
           "max-file-size-fraction", "invalid-json"]
FULL_CONFIG = b"""{
  // every key once
  "proxy": {"preset": "openrouter", "key_env": "LLM_PROXY_KEY",
            "base_url_env": "LLM_PROXY_BASE_URL"},
  "include": ["src/**"], "exclude": ["vendor/**"],
  "rules": {"disable": ["python.endpoint-literal"], "extra": []},
  "shim": true, "baseline": ".keyshift-baseline.json",
  "cpp": {"compile_commands_dir": "build", "include_dirs": ["include"]},
  "max_file_size": 1048576
}
"""


def write(fuzzer, data):
    """Stores one seed under its content hash, as libFuzzer names files."""
    out = CORPUS / fuzzer
    out.mkdir(parents=True, exist_ok=True)
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main():
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    for case in PYTHON_CASES:
        write("python_matcher_fuzzer", (GOLDEN / case / "input.py").read_bytes())
    for rule in RULES:
        write("rule_loader_fuzzer", (ROOT / rule).read_bytes())
    for case in CONFIGS:
        write("config_fuzzer",
              (ROOT / "testdata" / "config" / case / ".keyshift.json")
              .read_bytes())
    write("config_fuzzer", FULL_CONFIG)
    # The two FuzzedDataProvider fuzzers take text from the front of the
    # input and integers from the back: a golden input followed by seeded
    # random bytes gives real-looking text and a few dozen edits.
    rng = random.Random(20240101)
    for case in PYTHON_CASES[:4]:
        text = (GOLDEN / case / "input.py").read_bytes()
        for fuzzer in ("edit_set_fuzzer", "unified_diff_fuzzer"):
            tail = bytes(rng.randrange(256) for _ in range(96))
            write(fuzzer, text + tail)
    # Deep nesting: a call inside 400 calls, inside the client's arguments
    # (issue 10: nesting once made the Python engine quadratic).
    depth = 400
    write("python_matcher_fuzzer",
          b"from openai import OpenAI\nclient = OpenAI(timeout=" +
          b"f(" * depth + b"1" + b")" * depth + b")\n")
    # replace_file_fuzzer: original and new bytes as two strings, then from
    # the back the case (0 unchanged, 1 a byte changed by another program,
    # 2 appended to, 3 truncated) and its offset and value.
    for case in (0, 1, 2, 3):
        text = (GOLDEN / PYTHON_CASES[case] / "input.py").read_bytes()
        escaped = text.replace(b"\\", b"\\\\")
        tail = bytes(rng.randrange(256) for _ in range(8)) + bytes([case])
        write("replace_file_fuzzer",
              escaped + b"\\n" + escaped.upper() + b"\\n" + tail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
