# shellcheck shell=bash
# Shared by bench/compare.sh and bench/keys_compare.sh (sourced, not run):
# the tool check, the scratch directory, the machine header, the validating
# first run and the timer. The caller sets keep (--keep), runs and results
# (a JSON Lines file bench() appends to); require_tools sets have_hyperfine
# and make_work sets work.

bench_name="$(basename "$0")"

# Exits 2 naming the first of the commands given that is not installed.
require_tools() {
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "$bench_name: $tool: not found (see the usage at the top of this script)" >&2
      exit 2
    fi
  done
  have_hyperfine=0
  # An if, not `&&`: as the function's last command a failed test would be
  # its status, and `set -e` callers would stop without a word.
  if command -v hyperfine >/dev/null 2>&1; then have_hyperfine=1; fi
}

# Makes the scratch directory work, removed on exit unless keep is 1.
make_work() {
  work="$(mktemp -d "/tmp/keyshift-$1.XXXXXX")"
  trap 'if [[ $keep -eq 0 ]]; then rm -rf "$work"; else echo "$bench_name: kept $work" >&2; fi' EXIT
}

# Machine facts every report starts with.
machine_header() {
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  lscpu | grep -E '^(Model name|CPU\(s\)|Thread\(s\) per core|Hypervisor vendor|L3 cache)' || true
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "kernel: $(uname -sr)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Runs CMD once, outside the timer: checks the exit status (0 or 1 are
# results; anything else is a broken benchmark), counts what it reported and
# records the peak RSS. Doubles as the cache warm-up for the timed runs.
validate() {
  local label="$1" count_mode="$2"; shift 2
  local stdout="$work/out.txt" stderr="$work/err.txt" timef="$work/time.txt"
  local rc=0
  /usr/bin/time -o "$timef" -f '%e %M' "$@" > "$stdout" 2> "$stderr" || rc=$?
  if [[ $rc -ne 0 && $rc -ne 1 ]]; then
    echo "$bench_name: $label: exit status $rc" >&2
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
    keys) reported="$(python3 - "$stdout" <<'EOF'
import json, sys
files, keys = set(), 0
for line in open(sys.argv[1], encoding="utf-8"):
    obj = json.loads(line)
    if obj.get("kind") == "hardcoded-key":
        keys += 1
        files.add(obj["file"])
print(f"{keys} keys in {len(files)} files")
EOF
)" ;;
    secretlint) reported="$(python3 - "$stdout" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
results = json.loads(text) if text.strip() else []
files = [r for r in results if r.get("messages")]
openai = sum(1 for r in results for m in r["messages"] if "openai" in m.get("ruleId", "").lower())
print(f"{openai} OpenAI keys in {len(files)} files")
EOF
)" ;;
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
  echo "$bench_name: [$corpus] $label -j$threads" >&2
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

