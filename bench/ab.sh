#!/usr/bin/env bash
# Before/after of one change: two keyshift binaries on the same trees, in
# alternating runs (A B A B ...) so a burst of load on a shared machine hits
# both alike. Prints, per tree and command, the median wall and CPU time
# (user + system of the process), min-max wall, peak RSS, and whether the
# two printed the same bytes (the elapsed time in the summary aside).
#
# usage: bench/ab.sh --before BIN --after BIN [--runs N] [--jobs "1 2"]
#                    [--commands "audit migrate check"] TREE...
# A tree may be generated first, e.g.
#   python3 bench/corpus/gen_corpus.py /tmp/typical --files 20000
set -euo pipefail

before="" after="" runs=5 jobs="1" commands="audit migrate"
trees=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --before) before="$2"; shift 2 ;;
    --after) after="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --commands) commands="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "ab.sh: unknown option '$1'" >&2; exit 2 ;;
    *) trees+=("$1"); shift ;;
  esac
done
[[ -n "$before" && -n "$after" && ${#trees[@]} -gt 0 ]] || {
  echo "ab.sh: needs --before, --after and a tree (see --help)" >&2
  exit 2
}

echo "date: $(date -u +%Y-%m-%dT%H:%MZ); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$before" "$after" "$runs" "$jobs" "$commands" "${trees[@]}" <<'EOF'
import hashlib, os, re, statistics, subprocess, sys, time
before, after, runs, jobs, commands = sys.argv[1:6]
trees = sys.argv[6:]
proxy = ["--base-url", "https://gw.example/v1", "--key-env", "GW_KEY"]
args = {"audit": ["audit", "--format", "json", "-q"],
        "migrate": ["migrate", "-q"], "check": ["check", "-q"]}

def once(binary, argv):
    start = time.perf_counter()
    proc = subprocess.Popen([binary] + argv, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    out = proc.stdout.read()
    _, status, ru = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"ab.sh: {binary} {' '.join(argv)}: exit status {code}")
    out = re.sub(rb'"elapsed_ms":\d+', b"", out)
    return (time.perf_counter() - start, ru.ru_utime + ru.ru_stime,
            ru.ru_maxrss / 1024, hashlib.sha256(out).hexdigest())

print("| tree | command | -j | before wall s (min-max) | after wall s (min-max) "
      "| before CPU s | after CPU s | CPU after/before | RSS MB before/after | same output |")
print("|---|---|---|---|---|---|---|---|---|---|")
for tree in trees:
    for cmd in commands.split():
        for j in jobs.split():
            argv = args[cmd] + ["-j", j] + proxy + [tree]
            samples = {before: [], after: []}
            for rnd in range(int(runs) + 1):  # round 0 warms the cache
                for b in (before, after):
                    s = once(b, argv)
                    if rnd:
                        samples[b].append(s)
            def med(b, k):
                return statistics.median(x[k] for x in samples[b])
            def span(b):
                w = [x[0] for x in samples[b]]
                return f"{med(b, 0):.2f} ({min(w):.2f}-{max(w):.2f})"
            same = {x[3] for x in samples[before] + samples[after]}
            print(f"| {os.path.basename(tree.rstrip('/'))} | {cmd} | {j} | {span(before)} | "
                  f"{span(after)} | {med(before, 1):.2f} | {med(after, 1):.2f} | "
                  f"{med(after, 1) / med(before, 1):.2f} | "
                  f"{max(x[2] for x in samples[before]):.0f}/{max(x[2] for x in samples[after]):.0f} | "
                  f"{'yes' if len(same) == 1 else 'NO'} |", flush=True)
EOF
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
