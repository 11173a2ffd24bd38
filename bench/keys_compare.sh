#!/usr/bin/env bash
# The key auditor side by side with ripgrep and secretlint on a generated
# polyglot tree (bench/corpus/gen_key_corpus.py): a keys-only audit with no
# proxy configuration (`keyshift audit --kind hardcoded-key`) against
# `rg -l 'sk-'` (the floor: find the files that merely mention the prefix)
# and secretlint's recommended preset (npm), and `audit --history` over a
# generated repository of thousands of commits against `git log -p` alone.
# Prints a Markdown report (machine, versions, commands, results) on stdout
# or into --out FILE. Everything generated lives in a temporary directory
# removed at exit. A benchmark, not a test: nothing here asserts a time.
#
# usage: bench/keys_compare.sh [--keyshift PATH] [--secretlint DIR] [--files N]
#                              [--history N] [--runs N] [--out FILE] [--keep]
# needs: python3, git, rg; secretlint installed under DIR
#        (npm install --prefix /tmp/secretlint secretlint
#         @secretlint/secretlint-rule-preset-recommend);
#        hyperfine if installed, else a built-in timer (median of N runs).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
keyshift="${KEYSHIFT:-$repo/build-bench/keyshift}"
secretlint_dir="${SECRETLINT_DIR:-/tmp/secretlint}"
files=20000
history=5000
runs=3
out=""
keep=0

while [[ $# -gt 0 ]]; do
  case "$1" in
    --keyshift) keyshift="$2"; shift 2 ;;
    --secretlint) secretlint_dir="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --history) history="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "keys_compare.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done

secretlint="$secretlint_dir/node_modules/.bin/secretlint"
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
require_tools "$keyshift" "$secretlint" rg git python3
make_work keys
results="$work/results.jsonl"
: > "$results"

echo "keys_compare.sh: generating $files files and $history commits" >&2
python3 "$here/corpus/gen_key_corpus.py" "$work/gen" --files "$files" \
  --history "$history" --manifest "$work/manifest.json" > /dev/null
tree="$work/gen/tree"
# The history repository: fast-import writes the commits, no checkout needed
# beyond HEAD's tree (audit --history needs a work tree to start from).
hist="$work/history"
git init -q -b main "$hist"
git -C "$hist" fast-import --quiet < "$work/gen/history.git-fast-import"
git -C "$hist" reset -q --hard main
printf '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}\n' > "$work/secretlintrc.json"

{
  machine_header
  echo "keyshift: $("$keyshift" --version 2>&1 | head -1)"
  echo "ripgrep: $(rg --version | head -1)"
  echo "secretlint: $("$secretlint" --version 2>&1 | head -1) (preset-recommend)"
  echo "git: $(git --version)"
  if [[ $have_hyperfine -eq 1 ]]; then echo "timer: $(hyperfine --version)"; else echo "timer: built-in (median of $runs runs)"; fi
} > "$work/machine.txt"

corpus=tree
saved_runs=$runs
runs=$((saved_runs * 3)) # rg is ~0.1 s: more samples
bench tree "rg -l 'sk-'" 2 lines rg -j2 -l 'sk-' "$tree"
bench tree "rg -l 'sk-'" 1 lines rg -j1 -l 'sk-' "$tree"
runs=$saved_runs
for j in 2 1; do
  bench tree "keyshift audit --kind hardcoded-key" "$j" keys \
    "$keyshift" audit --kind hardcoded-key --format json -q -j "$j" "$tree"
done
bench tree "secretlint (preset-recommend)" 1 secretlint \
  env -C "$secretlint_dir" "$secretlint" --secretlintrc "$work/secretlintrc.json" \
  --format json --maskSecrets "$tree/**/*"

corpus=history
bench history "git log -p (all patches, the floor)" 1 lines \
  git -C "$hist" log -p --format=%H
bench history "git log -p -Gsk- (commits touching sk-)" 1 lines \
  git -C "$hist" log -p -Gsk- --format=%H
bench history "keyshift audit --history" 1 keys \
  env -C "$hist" "$keyshift" audit --history --format json -q
bench history "keyshift audit --history --deep-keys (every commit)" 1 keys \
  env -C "$hist" "$keyshift" audit --history --deep-keys --format json -q
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$work/machine.txt"

report() {
  python3 - "$work" "$keyshift" "$secretlint" <<'PY'
import json, os, sys
work, keyshift, secretlint = sys.argv[1:4]
rows = [json.loads(l) for l in open(os.path.join(work, "results.jsonl"))]
m = json.load(open(os.path.join(work, "manifest.json")))
print("Machine and versions:\n\n```")
print(open(os.path.join(work, "machine.txt")).read().rstrip())
print("```\n")
print(f"Tree: {m['files']} files, {m['bytes'] / 1e6:.1f} MB "
      f"({', '.join(f'{k} {v}' for k, v in m['files_by_kind'].items())}); "
      f"{m['key_files']} files hold a key, {m['near_miss_files']} a near miss "
      f"with \"sk-\". History: {m['history_commits']} commits.\n")
for corpus, base_label in (("tree", "rg"), ("history", "git log -p (all")):
    base = next(r["median"] for r in rows if r["corpus"] == corpus and r["label"].startswith(base_label)
                and (corpus != "tree" or r["threads"] == "2"))
    print(f"| {corpus} | command | -j | median wall s | min-max s | CPU s | peak RSS MB | reported | vs first row |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in (r for r in rows if r["corpus"] == corpus):
        print(f"| {corpus} | `{r['label']}` | {r['threads']} | {r['median']:.3f} | "
              f"{r['min']:.3f}-{r['max']:.3f} | {r['cpu']:.3f} | {r['rss_mb']:.0f} | "
              f"{r['reported']} | {r['median'] / base:.2f}x |")
    print()
print("Exact commands (paths shortened):\n\n```")
seen = set()
for r in rows:
    cmd = r["command"].replace(work, "WORK").replace(keyshift, "keyshift").replace(secretlint, "secretlint")
    if cmd not in seen:
        seen.add(cmd)
        print(cmd)
print("```")
PY
}

if [[ -n "$out" ]]; then report > "$out"; echo "keys_compare.sh: wrote $out" >&2; else report; fi
