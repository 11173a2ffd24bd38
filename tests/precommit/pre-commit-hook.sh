#!/bin/sh
# keyshift as a plain git pre-commit hook (no pre-commit framework needed).
# Refuses the commit when a staged file still calls the OpenAI API directly or
# holds a hard-coded key. Install from the repository root:
#   cp pre-commit-hook.sh "$(git rev-parse --git-path hooks)/pre-commit"
#   chmod +x "$(git rev-parse --git-path hooks)/pre-commit"
# KEYSHIFT=/path/to/keyshift picks the binary (default: keyshift on PATH).
# docs/pre-commit.md shows this file; tests/precommit/precommit_test.sh runs it.

keyshift="${KEYSHIFT:-keyshift}"

# Added, copied, modified and renamed files; deletions have nothing to check.
staged_files() {
  git diff --cached --name-only --diff-filter=ACMR -z
}

# Nothing staged (git commit --allow-empty, a deletion-only commit): keyshift
# check with no files is a usage error, so stop here.
if [ -z "$(staged_files | tr -d '\0')" ]; then
  exit 0
fi

# keyshift reads the working-tree copy. When a staged file also has unstaged
# edits, that copy is not what gets committed: a key deleted in the working
# tree but still staged would pass. Refuse instead of guessing; the
# pre-commit framework stashes unstaged edits itself, so it has no such gap.
if [ "${KEYSHIFT_ALLOW_PARTIAL:-0}" != 1 ]; then
  partial="$(staged_files | xargs -0 git diff --name-only --)"
  if [ -n "$partial" ]; then
    echo "keyshift: pre-commit: these staged files also have unstaged changes, so the checked copy would not be the committed one:" >&2
    echo "$partial" | sed 's/^/  /' >&2
    echo "keyshift: pre-commit: stage them (git add) or stash the rest (git stash push --keep-index), then commit again" >&2
    exit 1
  fi
fi

if staged_files | xargs -0 "$keyshift" check; then
  exit 0
fi
echo "keyshift: pre-commit: commit refused; run 'keyshift migrate --apply FILE...', move keys into the environment, then git add the files" >&2
exit 1
