#!/usr/bin/env bash
# Issue 13's C++ speed case: N translation units that all include one
# header holding the trigger (so every TU is a candidate), timed three ways
# in alternating rounds: `clang++-14 -fsyntax-only` over the same TUs,
# keyshift with a full parse (KEYSHIFT_CPP_FULL_PARSE=1: every function
# body parsed, every declaration walked) and keyshift as shipped (bodies in
# system headers skipped). Reports CPU seconds (user+sys, children
# included) and wall time, median over the rounds, as Markdown; fails when
# the two keyshift runs do not print the same diff.
#
# usage: bench/cpp_many_tus.sh [--keyshift PATH] [--tus N] [--runs N]
#                              [--jobs N] [--keep]
# needs: python3, clang++-14, libcurl4-openssl-dev, nlohmann-json3-dev.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
keyshift="${KEYSHIFT:-$repo/build/keyshift}"
tus=100
runs=3
jobs=2
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keyshift) keyshift="$2"; shift 2 ;;
    --tus) tus="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "cpp_many_tus.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/bench_lib.sh
source "$here/bench_lib.sh"
require_tools python3 clang++-14 "$keyshift"
make_work cpp-tus

header="$(machine_header)"
python3 "$here/corpus/gen_cpp_tus.py" "$work/tree" --tus "$tus"
tree="$work/tree"
migrate=("$keyshift" migrate --base-url https://gw.example/v1 --key-env GW_KEY
  -p "$tree/build" -j "$jobs" "$tree")

# label -> command line (run through bash -c so children are counted).
labels=(clang_syntax_only keyshift_full keyshift_lean)
cmd_clang_syntax_only="cd '$tree' && ls src/*.cc | xargs -P $jobs -n 1 clang++-14 -fsyntax-only -std=c++17 -Iinclude"
cmd_keyshift_full="KEYSHIFT_CPP_FULL_PARSE=1 ${migrate[*]} > '$work/full.diff' 2> '$work/full.err' || [ \$? -eq 1 ]"
cmd_keyshift_lean="KEYSHIFT_CPP_FULL_PARSE=0 ${migrate[*]} > '$work/lean.diff' 2> '$work/lean.err' || [ \$? -eq 1 ]"

declare -A cpu wall rss
for ((round = 1; round <= runs; round++)); do
  for label in "${labels[@]}"; do
    var="cmd_$label"
    /usr/bin/time -o "$work/time.txt" -f '%e %U %S %M' bash -c "${!var}"
    read -r e u s m < "$work/time.txt"
    cpu[$label]+="$(python3 -c "print($u + $s)") "
    wall[$label]+="$e "
    rss[$label]="$m"
  done
done

if ! cmp -s "$work/full.diff" "$work/lean.diff"; then
  echo "cpp_many_tus.sh: full and lean parses disagree" >&2
  diff "$work/full.diff" "$work/lean.diff" | head -20 >&2
  exit 1
fi

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo '```'
echo "$header"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "TUs: $tus, jobs: $jobs, rounds: $runs, diff lines: $(wc -l < "$work/lean.diff")"
echo '```'
echo
echo "| command | CPU s (median) | per TU | wall s (median) | peak RSS (MB) |"
echo "|---|---|---|---|---|"
for label in "${labels[@]}"; do
  c="$(echo "${cpu[$label]}" | median)"
  w="$(echo "${wall[$label]}" | median)"
  printf '| %s | %.1f | %.2f | %.1f | %d |\n' "$label" "$c" \
    "$(python3 -c "print($c / $tus)")" "$w" "$((rss[$label] / 1024))"
done
