#!/usr/bin/env bash
# keyshift's one set-up script (README): installs what a fresh Debian 12
# machine lacks, builds, then either runs the demo or every test.
#
#   bash tools/bootstrap.sh demo   # install + build + keyshift migrate testdata/demo
#   bash tools/bootstrap.sh test   # install + build + ctest, then the shim's
#                                  # tests under ThreadSanitizer, the suite
#                                  # under ASan+UBSan and the fuzzers (.ci/run)
#
# Installing is idempotent: packages already present are not touched, npm ci
# runs only when package-lock.json changed since the last install, and the
# build directory is reused, so a second run only rebuilds what changed.
set -euo pipefail

mode="${1:-}"
case "$mode" in
  demo|test|build) ;;
  *) echo "usage: bash tools/bootstrap.sh demo|test|build" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KEYSHIFT_BUILD_DIR:-$root/build}"
jobs="$(nproc)"

# Debian packages, each for a reason the README gives. Tools that may come
# from elsewhere (a nodesource Node.js bundles npm; pyenv brings python3)
# are probed by command: installing Debian's npm next to nodesource's node
# would conflict.
packages=(
  build-essential cmake ninja-build pkg-config git
  clang-14 libclang-14-dev llvm-14-dev clang-tools-14 clang-tidy-14
  clangd-14 clang-format-14 libclang-rt-14-dev
  libtree-sitter-dev nlohmann-json3-dev libre2-dev libgtest-dev libgmock-dev
  libbenchmark-dev libcurl4-openssl-dev libssl-dev
  pre-commit  # tests/precommit: the hooks under the real framework
  chromium    # tests/report: the HTML audit report in a headless browser
)
commands=(node:nodejs npm:npm python3:python3)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
for pair in "${commands[@]}"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The pinned tree-sitter grammars (and test-only npm tools). --ignore-scripts:
# CMake compiles the grammars' C sources; no native addon is built.
stamp="$root/node_modules/.keyshift-lock"
if ! cmp -s "$root/package-lock.json" "$stamp" 2>/dev/null; then
  (cd "$root" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
  cp "$root/package-lock.json" "$stamp"
fi

# Build output goes to stderr: in demo mode stdout carries the diff alone
# (ninja's "no work to do" included), so `... demo > x.diff` is applicable.
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
fi
cmake --build "$build" -j "$jobs" >&2

case "$mode" in
  demo)
    # Work on a scratch copy so the bundled demo stays pristine.
    demo="$(mktemp -d)/demo"
    cp -r "$root/testdata/demo" "$demo"
    git -C "$demo" init -q && git -C "$demo" add -A
    echo "bootstrap: keyshift migrate on a copy of testdata/demo ($demo)" >&2
    # The proxy comes from the demo's .keyshift.json preset; name it with
    # the URL and key variable `keyshift presets` gives for it.
    preset="$(sed -n 's/.*"preset": *"\([^"]*\)".*/\1/p' "$demo/.keyshift.json")"
    echo "bootstrap: proxy: $("$build/keyshift" presets | awk -v p="$preset" '$1 == p')" \
      "(preset from testdata/demo/.keyshift.json)" >&2
    cd "$demo"
    set +e
    "$build/keyshift" migrate .
    status=$?
    set -e
    # migrate exits 0 (nothing to do) or 1 (changes proposed) on success.
    [ "$status" -le 1 ] || exit "$status"
    echo "bootstrap: next: cd $demo && $build/keyshift migrate --apply . && git diff" \
      "(or another proxy: $build/keyshift migrate --preset litellm .)" >&2
    ;;
  test)
    ctest --test-dir "$build" --output-on-failure -j "$jobs"
    # The shim's breaker, limiter and metrics are shared across threads: its
    # tests (the 16-thread stress test among them) also run under
    # ThreadSanitizer, in a small build of their own.
    tsan="${build}-tsan"
    if [ ! -f "$tsan/CMakeCache.txt" ]; then
      cmake -S "$root" -B "$tsan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DKEYSHIFT_WITH_CLANG=OFF -DKEYSHIFT_SANITIZE=thread >/dev/null
    fi
    cmake --build "$tsan" --target shim_tests -j "$jobs"
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
      ctest --test-dir "$tsan" -R '^shim_tests[.]' --output-on-failure -j "$jobs"
    # The suite again under ASan+UBSan (without the Clang engine), then each
    # fuzzer for a fixed number of inputs from a fixed seed (.ci/sanitize;
    # docs/RELIABILITY.md has what it costs). KEYSHIFT_SKIP_SANITIZE=1 leaves
    # it out of a local run; CI never sets it.
    if [ "${KEYSHIFT_SKIP_SANITIZE:-0}" != 1 ]; then
      KEYSHIFT_JOBS="$jobs" KEYSHIFT_ASAN_BUILD_DIR="${build}-asan" \
        KEYSHIFT_FUZZ_BUILD_DIR="${build}-fuzz" bash "$root/.ci/sanitize"
    fi
    ;;
esac
