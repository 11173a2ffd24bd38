#!/usr/bin/env bash
# Issue 14's table, re-measured: keyshift against ripgrep and ast-grep on a
# mixed tree built from what a fresh machine has (this Python's standard
# library, pinned npm packages installed into a scratch folder, and the
# generated modules of bench/corpus/gen_corpus.py), plus the pre-commit
# floor (`--help`, `check --staged` on 10 staged files). Commands run in
# alternating rounds (A B C A B C ...), so a burst of load on this shared
# machine hits every command alike; prints medians, min-max, CPU, peak RSS and
# ratios as Markdown on stdout or into --out FILE.
#
# usage: bench/mixed.sh [--keyshift PATH] [--baseline PATH] [--runs N]
#                       [--gen-files N] [--work DIR] [--profile] [--out FILE]
#                       [--keep]
#   --baseline PATH   a second keyshift binary (e.g. main's) timed alongside
#   --work DIR        build the corpus there and keep it (reused when complete)
#   --runs 0          only build the corpus and the tools (with --work)
#   --profile         also perf-record `audit -j1` and report the index
#                     pass's share and the top functions
# needs: python3, rg, npm (with network access to the registry, once), git.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
keyshift="${KEYSHIFT:-$repo/build/keyshift}"
baseline=""
runs=5
gen_files=20000
out=""
keep=0
profile=0
work_dir=""
ast_grep_version=0.51.1
# Large, stable JS/TS trees; exact versions so every machine gets the same.
npm_packages=(typescript@5.4.5 openai@4.52.0 eslint@8.57.0 webpack@5.91.0
  @babel/core@7.24.7)

while [[ $# -gt 0 ]]; do
  case "$1" in
    --keyshift) keyshift="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --gen-files) gen_files="$2"; shift 2 ;;
    --work) work_dir="$2"; shift 2 ;;
    --profile) profile=1; shift ;;
    --out) out="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "mixed.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
require_tools "$keyshift" rg python3 npm git
[[ -z "$baseline" ]] || require_tools "$baseline"
if [[ -n "$work_dir" ]]; then
  mkdir -p "$work_dir"
  work="$(cd "$work_dir" && pwd)"
else
  make_work mixed
fi
corpus="$work/corpus"

# --- the corpus and the tools (once per --work directory) -------------------
if [[ ! -e "$work/.complete" ]]; then
  rm -rf "$corpus" "$work/npm" "$work/sg"
  mkdir -p "$corpus"
  stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
  echo "mixed.sh: copying $stdlib (without site-packages and caches)" >&2
  tar -C "$(dirname "$stdlib")" --exclude=site-packages --exclude=__pycache__ \
    --exclude='*.pyc' -cf - "$(basename "$stdlib")" | tar -C "$corpus" -xf -
  echo "mixed.sh: npm install ${npm_packages[*]}" >&2
  npm install --prefix "$work/npm" --ignore-scripts --no-audit --no-fund \
    --loglevel=error --no-save "${npm_packages[@]}" >&2
  # A plain walk skips folders named node_modules (as rg skips ignored
  # ones); vendored trees under another name are what the walk must read.
  mv "$work/npm/node_modules" "$corpus/vendor-js"
  echo "mixed.sh: generating $gen_files modules" >&2
  python3 "$here/corpus/gen_corpus.py" "$corpus/generated" --files "$gen_files" \
    --manifest "$work/generated.json" > /dev/null
  # ast-grep's own native binary, installed with its scripts (DECISIONS).
  npm install --prefix "$work/sg" --no-audit --no-fund --loglevel=error \
    --no-save "@ast-grep/cli@$ast_grep_version" >&2
  # 10 staged files, 2 of them with OpenAI usage: a pre-commit run.
  staged="$work/staged"
  rm -rf "$staged" && mkdir -p "$staged"
  git -C "$staged" init -q
  python3 - "$corpus/generated" "$staged" <<'EOF'
import os, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs if f.endswith(".py"))
hits = [f for f in files if "openai" in open(f, encoding="utf-8").read()][:2]
clean = [f for f in files if f not in hits][:8]
for f in hits + clean:
    shutil.copy(f, os.path.join(dst, os.path.basename(f)))
EOF
  git -C "$staged" add -A
  touch "$work/.complete"
fi
if [[ $runs -eq 0 ]]; then
  echo "mixed.sh: corpus ready in $corpus" >&2
  exit 0
fi
ast_grep="$work/sg/node_modules/@ast-grep/cli-linux-x64-gnu/ast-grep"
[[ -x "$ast_grep" ]] || ast_grep="$work/sg/node_modules/.bin/ast-grep"
require_tools "$ast_grep"
staged="$work/staged"

# --- the commands ----------------------------------------------------------
proxy=(--base-url https://gw.example/v1 --key-env GW_KEY)
commands="$work/commands.jsonl"
: > "$commands"
add() { # label group argv...
  python3 -c 'import json, sys; print(json.dumps({"label": sys.argv[1], "group": sys.argv[2], "argv": sys.argv[3:]}))' "$@" >> "$commands"
}
add "rg -il 'openai|sk-'" tree rg -j2 -il 'openai|sk-' "$corpus"
add "ast-grep scan (16 rules)" tree "$ast_grep" scan -j 2 -c "$here/ast-grep/sgconfig.yml" \
  --report-style short "$corpus"
add_keyshift() { # name binary
  add "$1 audit -j2" tree "$2" audit --format json -q -j 2 "${proxy[@]}" "$corpus"
  add "$1 audit -j1" tree "$2" audit --format json -q -j 1 "${proxy[@]}" "$corpus"
  # The pre-commit gate over the whole tree (issue 9's and 14's 50k figure).
  add "$1 check -j2" tree "$2" check -q -j 2 "${proxy[@]}" "$corpus"
  add "$1 check -j1" tree "$2" check -q -j 1 "${proxy[@]}" "$corpus"
  add "$1 --help" floor "$2" --help
  add "$1 check --staged (10 files)" floor env -C "$staged" "$2" check --staged "${proxy[@]}"
}
add_keyshift keyshift "$keyshift"
[[ -z "$baseline" ]] || add_keyshift baseline "$baseline"

{
  machine_header
  echo "keyshift: $keyshift ($("$keyshift" --version 2>&1 | head -1))"
  [[ -z "$baseline" ]] || echo "baseline: $baseline ($("$baseline" --version 2>&1 | head -1))"
  echo "ripgrep: $(rg --version | head -1)"
  echo "ast-grep: $("$ast_grep" --version 2>&1 | head -1)"
  echo "rounds: $runs (alternating; one untimed warm-up round first)"
} > "$work/machine.txt"

# --- alternating rounds ----------------------------------------------------
python3 - "$commands" "$runs" "$work/results.json" <<'EOF'
import json, os, statistics, subprocess, sys, time
cmds = [json.loads(l) for l in open(sys.argv[1])]
runs, out = int(sys.argv[2]), sys.argv[3]
samples = {c["label"]: [] for c in cmds}
first = {}
for rnd in range(runs + 1):
    for c in cmds:
        print(f"mixed.sh: round {rnd}/{runs}: {c['label']}", file=sys.stderr)
        start = time.perf_counter()
        proc = subprocess.Popen(c["argv"], stdout=subprocess.PIPE if rnd == 0 else subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        stdout = proc.stdout.read() if rnd == 0 else b""
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"mixed.sh: {c['label']}: exit status {code}")
        if rnd == 0:  # the warm-up: count what it reported
            text = stdout.decode("utf-8", "replace")
            lines = [l for l in text.splitlines() if l.strip()]
            if " audit" in c["label"]:
                recs = [json.loads(l) for l in lines]
                found = [r for r in recs if "rule" in r]
                first[c["label"]] = f"{len(found)} findings in {len({r['file'] for r in found})} files"
            elif c["label"].startswith("rg"):
                first[c["label"]] = f"{len(lines)} files"
            elif c["label"].startswith("ast-grep"):
                first[c["label"]] = f"{len(lines)} matches in {len({l.split(':')[0] for l in lines})} files"
            else:
                first[c["label"]] = f"exit {code}"
            continue
        samples[c["label"]].append({"wall": wall, "cpu": ru.ru_utime + ru.ru_stime,
                                    "rss_mb": ru.ru_maxrss / 1024})
res = []
for c in cmds:
    s = samples[c["label"]]
    res.append({"label": c["label"], "group": c["group"], "argv": c["argv"],
                "median": statistics.median(x["wall"] for x in s),
                "min": min(x["wall"] for x in s), "max": max(x["wall"] for x in s),
                "cpu": statistics.median(x["cpu"] for x in s),
                "rss_mb": max(x["rss_mb"] for x in s), "reported": first[c["label"]]})
json.dump(res, open(out, "w"), indent=1)
EOF
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$work/machine.txt"

# --- where keyshift's time goes --------------------------------------------
if [[ $profile -eq 1 ]]; then
  require_tools perf
  echo "mixed.sh: perf record keyshift audit -j1" >&2
  perf record -q -o "$work/perf.data" -F 499 --call-graph dwarf,32768 -- \
    "$keyshift" audit --format json -q -j 1 "${proxy[@]}" "$corpus" > /dev/null 2>&1 || true
  perf report -i "$work/perf.data" --children --no-demangle --stdio -g none \
    --percent-limit 0.5 --sort symbol 2> /dev/null | grep -E '^ +[0-9]' > "$work/profile.txt" || true
  # The index pass's own time: gdb stops at its entry and at its return and
  # reads the process's wall clock and CPU time (/proc/PID/stat) at both.
  cat > "$work/cpu.py" <<'PY'
import gdb, os, time
def sample():
    f = open(f"/proc/{gdb.selected_inferior().pid}/stat").read().rsplit(")", 1)[1].split()
    return time.time(), (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
PY
  for bin in "$keyshift" $baseline; do
    for j in 1 2; do
      t="$(gdb -q -batch -x "$work/cpu.py" -ex 'set pagination off' \
        -ex 'break keyshift::driver::indexPass' -ex 'run' \
        -ex 'python w0, c0 = sample()' -ex 'finish' \
        -ex 'python w1, c1 = sample(); print("INDEX %.2f s wall, %.2f s CPU" % (w1 - w0, c1 - c0))' \
        -ex 'continue' \
        --args "$bin" audit --format json -q -j "$j" "${proxy[@]}" "$corpus" 2> /dev/null |
        sed -n 's/^INDEX //p')"
      echo "$bin -j$j: index pass ${t:-not reached}" >> "$work/index_pass.txt"
    done
  done
fi

report() {
  python3 - "$work" "$corpus" "$keyshift" "$baseline" "$ast_grep" "$staged" <<'EOF'
import json, os, re, shlex, sys, subprocess
work, corpus, keyshift, baseline, ast_grep, staged = sys.argv[1:7]
res = json.load(open(os.path.join(work, "results.json")))
by = {r["label"]: r for r in res}
print("Machine and versions:\n\n```")
print(open(os.path.join(work, "machine.txt")).read().rstrip())
print("```\n")
files = nbytes = 0
for d, _, fs in os.walk(corpus):
    for f in fs:
        files += 1
        nbytes += os.path.getsize(os.path.join(d, f))
gen = json.load(open(os.path.join(work, "generated.json")))
print(f"Corpus: {files} files, {nbytes / 1e6:.0f} MB (Python standard library, "
      f"npm trees, {gen['files']} generated files of which {gen['trigger_files']} "
      f"use OpenAI and {gen['near_miss_files']} are near misses).\n")
print("| command | median wall s | min-max s | CPU s | peak RSS MB | reported | wall vs rg | CPU vs rg |")
print("|---|---|---|---|---|---|---|---|")
rg = by["rg -il 'openai|sk-'"]
for r in res:
    ratio = f"{r['median'] / rg['median']:.1f}x" if r["group"] == "tree" else ""
    cratio = f"{r['cpu'] / rg['cpu']:.1f}x" if r["group"] == "tree" else ""
    print(f"| `{r['label']}` | {r['median']:.3f} | {r['min']:.3f}-{r['max']:.3f} | "
          f"{r['cpu']:.3f} | {r['rss_mb']:.0f} | {r['reported']} | {ratio} | {cratio} |")
print()
sg = by["ast-grep scan (16 rules)"]
for name in ("keyshift", "baseline"):
    if f"{name} audit -j2" not in by:
        continue
    j2, j1 = by[f"{name} audit -j2"], by[f"{name} audit -j1"]
    print(f"- {name}: audit -j2 is {j2['median'] / rg['median']:.1f}x rg's wall "
          f"({j2['cpu'] / rg['cpu']:.1f}x its CPU); ast-grep takes "
          f"{sg['median'] / j2['median']:.1f}x keyshift's wall; -j1/-j2 = "
          f"{j1['median'] / j2['median']:.2f}")
print()
prof = os.path.join(work, "profile.txt")
if os.path.exists(prof):
    print("Profile of `keyshift audit -j1` (perf, % of samples including callees):\n\n```")
    for line in open(prof).read().splitlines()[:40]:
        m = re.match(r"\s*([\d.]+)%\s+([\d.]+)%\s+\S+\s+\[\.\]\s+(\S+)", line)
        if not m:
            continue
        sym = subprocess.run(["c++filt", m.group(3)], capture_output=True, text=True).stdout.strip()
        print(f"{m.group(1):>6}%  {sym[:110]}")
    print("```\n")
ip = os.path.join(work, "index_pass.txt")
if os.path.exists(ip):
    print("Index pass (wall time from its entry to its return, gdb breakpoints):\n\n```")
    print(open(ip).read().rstrip())
    print("```\n")
print("Commands (CORPUS is the tree above, STAGED the repository with 10 staged files):\n\n```")
for r in res:
    cmd = shlex.join(r["argv"]).replace(corpus, "CORPUS").replace(staged, "STAGED")
    cmd = cmd.replace(ast_grep, "ast-grep").replace(keyshift, "keyshift")
    if baseline:
        cmd = cmd.replace(baseline, "baseline")
    print(cmd)
print("```")
EOF
}

if [[ -n "$out" ]]; then report > "$out"; echo "mixed.sh: wrote $out" >&2; else report; fi
