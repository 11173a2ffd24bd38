#!/usr/bin/env bash
# Bounded work per file (issue 10, docs/RELIABILITY.md "Bounded time"): times
# `keyshift check` on one file of N nested constructs around an OpenAI
# client, for each shape of bench/corpus/gen_nesting.py (Python, JavaScript,
# TypeScript, TSX, JSON, YAML, TOML, Markdown) and N = 1e3 .. 1e5. Prints a
# Markdown table: N, bytes, seconds, exit status and the outcome (the
# findings, or the file skipped as too complex). Time per byte should stay
# flat as N grows; a benchmark, not a test (the tests assert the outcome,
# never the time: tests/cli/budget_test.cc).
#
# usage: bench/nesting.sh [--keyshift PATH] [--sizes "1000 3000 ..."]
#                         [--shapes "python-calls ..."]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
keyshift="${KEYSHIFT:-$repo/build/keyshift}"
sizes="1000 3000 10000 30000 100000"
shapes="$(python3 "$here/corpus/gen_nesting.py" --shapes)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keyshift) keyshift="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --shapes) shapes="$2"; shift 2 ;;
    *) echo "nesting.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -x "$keyshift" ]] || { echo "nesting.sh: $keyshift: not built" >&2; exit 2; }

work="$(mktemp -d /tmp/keyshift-nesting.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "date: $(date -u +%Y-%m-%dT%H:%MZ), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| shape | N | bytes | seconds | µs/byte | exit | outcome |"
echo "|---|---:|---:|---:|---:|---:|---|"
for shape in $shapes; do
  for n in $sizes; do
    rm -rf "$work/tree" && mkdir "$work/tree"
    name="$(python3 "$here/corpus/gen_nesting.py" "$shape" "$n" "$work/file")"
    mv "$work/file" "$work/tree/$name"
    bytes="$(wc -c < "$work/tree/$name")"
    rc=0
    /usr/bin/time -o "$work/time" -f '%e' \
      "$keyshift" check --preset litellm "$work/tree/$name" \
      > "$work/out" 2> "$work/err" || rc=$?
    secs="$(tail -1 "$work/time")"
    if grep -q 'too complex' "$work/out"; then
      outcome="skipped: $(grep -o 'too complex ([^)]*)' "$work/out" | head -1)"
    else
      outcome="$(grep -oE '[0-9]+ findings? \([^)]*\)' "$work/err" | head -1)"
      [[ -n "$outcome" ]] || outcome="$(tail -1 "$work/err")"
    fi
    usb="$(python3 -c "print(f'{$secs * 1e6 / $bytes:.2f}')")"
    echo "| $shape | $n | $bytes | $secs | $usb | $rc | $outcome |"
  done
done
