#!/usr/bin/env bash
# Side-by-side wall time of keyshift, ripgrep and ast-grep on generated
# corpora (bench/corpus/gen_corpus.py): one with no OpenAI usage at all (pure
# walk + prefilter), one typical (1.5% of files), one with many hits (30%).
# Prints a Markdown report (machine, versions, commands, results) on stdout or
# into --out FILE. The corpora live in a temporary directory removed at exit.
#
# usage: bench/compare.sh [--keyshift PATH] [--ast-grep PATH] [--files N]
#                         [--runs N] [--corpora "zero typical many"]
#                         [--out FILE] [--keep]
# needs: python3, rg; ast-grep (npm install --prefix /tmp/sg @ast-grep/cli);
#        hyperfine if installed, else a built-in timer (median of N runs).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
keyshift="${KEYSHIFT:-$repo/build-bench/keyshift}"
ast_grep="${AST_GREP:-/tmp/sg/node_modules/.bin/ast-grep}"
files=20000
runs=3
corpora="zero typical many"
out=""
keep=0

while [[ $# -gt 0 ]]; do
  case "$1" in
    --keyshift) keyshift="$2"; shift 2 ;;
    --ast-grep) ast_grep="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --corpora) corpora="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done

for tool in "$keyshift" "$ast_grep" rg python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "compare.sh: $tool: not found (see the usage at the top of this script)" >&2
    exit 2
  fi
done
have_hyperfine=0
command -v hyperfine >/dev/null 2>&1 && have_hyperfine=1

work="$(mktemp -d /tmp/keyshift-compare.XXXXXX)"
cleanup() { if [[ $keep -eq 0 ]]; then rm -rf "$work"; else echo "compare.sh: kept $work" >&2; fi; }
trap cleanup EXIT

proxy_flags=(--base-url https://gw.example/v1 --key-env GW_KEY)
rg_pattern='OpenAI\(|OPENAI_API_KEY|api\.openai\.com'
results="$work/results.jsonl"
: > "$results"

# Machine and versions, captured before the runs so the report says what the
# numbers were measured on (including how busy the shared machine was).
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  lscpu | grep -E '^(Model name|CPU\(s\)|Thread\(s\) per core|Hypervisor vendor|L3 cache)' || true
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "kernel: $(uname -sr)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "keyshift: $("$keyshift" --version 2>&1 | head -1)"
  echo "ripgrep: $(rg --version | head -1)"
  echo "ast-grep: $("$ast_grep" --version 2>&1 | head -1)"
  if [[ $have_hyperfine -eq 1 ]]; then echo "timer: $(hyperfine --version)"; else echo "timer: built-in (median of $runs runs)"; fi
} > "$work/machine.txt"

# Runs CMD once, outside the timer: checks the exit status (0 or 1 are
# results; anything else is a broken benchmark), counts what it reported and
# records the peak RSS. Doubles as the cache warm-up for the timed runs.
validate() {
  local label="$1" count_mode="$2"; shift 2
  local stdout="$work/out.txt" stderr="$work/err.txt" timef="$work/time.txt"
  local rc=0
  /usr/bin/time -o "$timef" -f '%e %M' "$@" > "$stdout" 2> "$stderr" || rc=$?
  if [[ $rc -ne 0 && $rc -ne 1 ]]; then
    echo "compare.sh: $label: exit status $rc" >&2
    tail -5 "$stderr" >&2
    exit 1
  fi
  local reported
  case "$count_mode" in
    lines) reported="$(wc -l < "$stdout")" ;;
    audit) reported="$(python3 - "$stdout" <<'EOF'
import json, sys
files, findings = set(), 0
for line in open(sys.argv[1], encoding="utf-8"):
    obj = json.loads(line)
    if "summary" in obj:
        continue
    findings += 1
    files.add(obj["file"])
print(f"{findings} findings in {len(files)} files")
EOF
)" ;;
    migrate) reported="$(grep -oE '[0-9]+ files? would change' "$stderr" | head -1 | sed -E 's/ files? would change/ files changed/')" ;;
  esac
  echo "$rc|$reported|$(tail -1 "$timef" | cut -d' ' -f2)"
}

# Times CMD; writes hyperfine-shaped JSON to $1.
time_cmd() {
  local json="$1"; shift
  if [[ $have_hyperfine -eq 1 ]]; then
    hyperfine -N -i --style none --runs "$runs" --export-json "$json" \
      -- "$(printf '%q ' "$@")" > /dev/null
  else
    python3 - "$json" "$runs" "$@" <<'EOF'
import json, os, statistics, subprocess, sys, time
out, runs, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
times, users, systems = [], [], []
for _ in range(runs):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(proc.pid, 0)
    times.append(time.perf_counter() - start)
    users.append(ru.ru_utime)
    systems.append(ru.ru_stime)
json.dump({"results": [{"command": " ".join(cmd), "median": statistics.median(times),
                        "mean": statistics.mean(times), "min": min(times), "max": max(times),
                        "user": statistics.mean(users), "system": statistics.mean(systems),
                        "times": times}]}, open(out, "w"))
EOF
  fi
}

bench() {
  local corpus="$1" label="$2" threads="$3" count_mode="$4"; shift 4
  echo "compare.sh: [$corpus] $label -j$threads" >&2
  local v; v="$(validate "$label" "$count_mode" "$@")"
  local json="$work/t.json"
  time_cmd "$json" "$@"
  python3 - "$json" "$corpus" "$label" "$threads" "$v" "$@" >> "$results" <<'EOF'
import json, shlex, sys
t = json.load(open(sys.argv[1]))["results"][0]
rc, reported, rss_kb = sys.argv[5].split("|")
print(json.dumps({"corpus": sys.argv[2], "label": sys.argv[3], "threads": sys.argv[4],
                  "median": t["median"], "min": min(t["times"]), "max": max(t["times"]),
                  "cpu": t["user"] + t["system"], "runs": len(t["times"]),
                  "exit": int(rc), "reported": reported, "rss_mb": int(rss_kb) / 1024,
                  "command": shlex.join(sys.argv[6:])}))
EOF
}

for corpus in $corpora; do
  case "$corpus" in
    zero) rate=0; near=0 ;;
    typical) rate=0.015; near=0.03 ;;
    many) rate=0.30; near=0.03 ;;
    *) echo "compare.sh: unknown corpus '$corpus' (zero, typical, many)" >&2; exit 2 ;;
  esac
  dir="$work/$corpus"
  echo "compare.sh: generating $corpus corpus ($files Python files)" >&2
  python3 "$here/corpus/gen_corpus.py" "$dir" --files "$files" --trigger-rate "$rate" \
    --near-miss-rate "$near" --manifest "$work/$corpus.manifest.json" > /dev/null
  # Cheap commands get more runs: at ~0.1 s, 3 samples say little.
  saved_runs=$runs
  runs=$((saved_runs * 3))
  bench "$corpus" "rg -l (literal regex)" 2 lines rg -j2 -l "$rg_pattern" "$dir"
  bench "$corpus" "rg -l (literal regex)" 1 lines rg -j1 -l "$rg_pattern" "$dir"
  runs=$saved_runs
  bench "$corpus" "ast-grep run -p 'OpenAI(\$\$\$)'" 2 lines \
    "$ast_grep" run -j 2 -p 'OpenAI($$$)' -l py --files-with-matches "$dir"
  bench "$corpus" "ast-grep run -p 'OpenAI(\$\$\$)'" 1 lines \
    "$ast_grep" run -j 1 -p 'OpenAI($$$)' -l py --files-with-matches "$dir"
  for j in 1 2; do
    bench "$corpus" "keyshift audit --format json" "$j" audit \
      "$keyshift" audit --format json -j "$j" "${proxy_flags[@]}" "$dir"
  done
  for j in 1 2; do
    bench "$corpus" "keyshift migrate (diff)" "$j" migrate \
      "$keyshift" migrate -j "$j" "${proxy_flags[@]}" "$dir"
  done
  rm -rf "$dir"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$work/machine.txt"

report() {
  python3 - "$work" "$corpora" "$keyshift" "$ast_grep" <<'EOF'
import json, os, sys
work, corpora = sys.argv[1], sys.argv[2].split()
short = {sys.argv[3]: "keyshift", sys.argv[4]: "ast-grep"}
rows = [json.loads(l) for l in open(os.path.join(work, "results.jsonl"))]
print("Machine and versions:\n")
print("```")
print(open(os.path.join(work, "machine.txt")).read().rstrip())
print("```\n")
print("| corpus | files | MB | files with OpenAI usage | near misses |")
print("|---|---|---|---|---|")
for c in corpora:
    m = json.load(open(os.path.join(work, f"{c}.manifest.json")))
    print(f"| {c} | {m['files']} ({m['python_files']} .py) | {m['bytes'] / 1e6:.1f} "
          f"| {m['trigger_files']} | {m['near_miss_files']} |")
print()
print("| corpus | command | -j | median wall s | min-max s | CPU s (user+sys) | peak RSS MB | reported | vs rg -j2 |")
print("|---|---|---|---|---|---|---|---|---|")
for c in corpora:
    base = next(r["median"] for r in rows if r["corpus"] == c and r["label"].startswith("rg") and r["threads"] == "2")
    for r in (r for r in rows if r["corpus"] == c):
        print(f"| {c} | `{r['label']}` | {r['threads']} | {r['median']:.3f} | "
              f"{r['min']:.3f}-{r['max']:.3f} | {r['cpu']:.3f} | {r['rss_mb']:.0f} | "
              f"{r['reported']} | {r['median'] / base:.1f}x |")
print()
print(f"Exact commands (corpus path shortened to DIR; keyshift is {sys.argv[3]}, "
      f"ast-grep is {sys.argv[4]}):\n")
print("```")
seen = set()
for r in rows:
    cmd = r["command"]
    for c in corpora:
        cmd = cmd.replace(os.path.join(work, c), "DIR")
    for path, name in short.items():
        cmd = cmd.replace(path, name)
    if cmd not in seen:
        seen.add(cmd)
        print(cmd)
print("```")
EOF
}

if [[ -n "$out" ]]; then report > "$out"; echo "compare.sh: wrote $out" >&2; else report; fi
