#!/bin/sh
# keyshift as a plain git pre-commit hook (no pre-commit framework needed).
# Refuses the commit when a staged file still calls the OpenAI API directly or
# holds a hard-coded key. Install from the repository root:
#   cp pre-commit-hook.sh "$(git rev-parse --git-path hooks)/pre-commit"
#   chmod +x "$(git rev-parse --git-path hooks)/pre-commit"
# KEYSHIFT=/path/to/keyshift picks the binary (default: keyshift on PATH);
# KEYSHIFT_ARGS="--kind hardcoded-key" checks keys only (no proxy needed).
# docs/pre-commit.md shows this file; tests/precommit/precommit_test.sh runs it.

keyshift="${KEYSHIFT:-keyshift}"

# --staged reads what the commit will hold (the index), not the working
# tree: a key deleted from the file but still staged blocks, an unstaged
# edit does not. Nothing staged (an empty or deletion-only commit) passes.
# shellcheck disable=SC2086 # KEYSHIFT_ARGS is a list of flags
if "$keyshift" check --staged ${KEYSHIFT_ARGS:-}; then
  exit 0
fi
echo "keyshift: pre-commit: commit refused; run 'keyshift migrate --apply FILE...', move keys into the environment, then git add the files" >&2
exit 1
