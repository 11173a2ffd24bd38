#!/usr/bin/env bash
# End-to-end test of keyshift as a commit gate: installs
# tests/precommit/pre-commit-hook.sh (the hook docs/pre-commit.md shows) in a
# temporary git repository and checks that commits with OpenAI calls or a
# hard-coded key are refused (the key never printed) and pass once migrated.
# When the pre-commit framework is installed it also validates
# .pre-commit-hooks.yaml and runs its hooks through `pre-commit try-repo`.
#
# usage: precommit_test.sh /path/to/keyshift    (exit 0 pass, 1 fail, 77 skip)
set -u

if [[ $# -ne 1 || ! -x "$1" ]]; then
  echo "usage: precommit_test.sh /path/to/keyshift" >&2
  exit 1
fi
if ! command -v git >/dev/null 2>&1; then
  echo "SKIP: git is not installed"
  exit 77
fi

keyshift="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/keyshift-precommit.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# The hook and the framework both run the `keyshift` on PATH.
mkdir "$tmp/bin"
ln -s "$keyshift" "$tmp/bin/keyshift"
export PATH="$tmp/bin:$PATH"
# Keep the user's git configuration (hooks path, signing, templates) out.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
# The hook's own switches must not leak in from the caller.
unset KEYSHIFT KEYSHIFT_ARGS

# A fake key made here, at run time, so no key-shaped literal sits in the
# repository: "sk-proj-", 74 random characters of the key alphabet, the
# marker OpenAI keys carry (base64 of "OpenAI", spelled in pieces) and 74
# more.
random_chars() { LC_ALL=C tr -dc 'A-Za-z0-9' < /dev/urandom | head -c "$1"; }
fake_key="sk-""proj-$(random_chars 74)T3Bl""bkFJ$(random_chars 74)"
# A slice from the middle: a redaction shows at most the ends of the key.
key_middle="${fake_key:20:40}"

commits() { git rev-list --count HEAD; }
# git commit's output, stdout and stderr together, in $out; its status returned.
try_commit() { out="$(git commit -q -m "$1" 2>&1)"; }

# docs/pre-commit.md shows the hook; it must be this file, byte for byte.
doc_hook="$(awk '/^```sh$/ {grab = 1; text = ""; next}
                 /^```$/ && grab {if (text ~ /^#!\/bin\/sh\n/) {printf "%s", text; exit} grab = 0}
                 grab {text = text $0 "\n"}' "$source_root/docs/pre-commit.md")"
if [[ "$doc_hook" == "$(cat "$here/pre-commit-hook.sh")" ]]; then
  pass "docs/pre-commit.md shows pre-commit-hook.sh unchanged"
else
  fail "docs/pre-commit.md shows a different hook than tests/precommit/pre-commit-hook.sh: copy the file into the doc"
fi

repo="$tmp/repo"
git init -q "$repo"
cd "$repo" || exit 1
cat > .keyshift.json <<'EOF'
{"proxy": {"base_url": "https://gw.example/v1", "key_env": "GW_KEY"}}
EOF
git add .keyshift.json
git commit -q -m "keyshift config"
hooks_dir="$(git rev-parse --git-path hooks)"
mkdir -p "$hooks_dir"
cp "$here/pre-commit-hook.sh" "$hooks_dir/pre-commit"
chmod +x "$hooks_dir/pre-commit"

# 1. A direct OpenAI client is refused, with keyshift's diagnostic.
printf 'from openai import OpenAI\n\nclient = OpenAI()\n' > app.py
git add app.py
before="$(commits)"
if try_commit "direct client"; then
  fail "a commit with OpenAI() was accepted"
else
  pass "a commit with OpenAI() is refused"
fi
expected="app.py:3:10: warning: OpenAI client talks to api.openai.com: point it at the proxy [python.client-construction]"
if grep -qxF "$expected" <<< "$out"; then
  pass "the refusal names the file, line and rule"
else
  fail "missing '$expected' in the hook output:"$'\n'"$out"
fi
[[ "$(commits)" == "$before" ]] || fail "the refused commit was recorded"

# 2. Migrated and staged, the same file commits.
keyshift migrate --apply app.py > /dev/null 2>&1 || fail "keyshift migrate --apply app.py failed"
git add app.py
if try_commit "migrated client"; then
  pass "the migrated file commits"
else
  fail "the migrated file was refused:"$'\n'"$out"
fi
[[ "$(commits)" == $((before + 1)) ]] || fail "the migrated commit is missing"
committed="$(git show HEAD:app.py)"
want='client = OpenAI(base_url="https://gw.example/v1", api_key=os.environ["GW_KEY"])'
grep -qxF "$want" <<< "$committed" || fail "committed app.py lacks '$want':"$'\n'"$committed"

# 3. A hard-coded key is refused and never printed in clear.
printf 'import os\n\nAPI_KEY = "%s"\n' "$fake_key" > settings.py
grep -qF "$key_middle" settings.py || fail "test bug: the key slice is not in settings.py"
git add settings.py
before="$(commits)"
if try_commit "hard-coded key"; then
  fail "a commit with a hard-coded key was accepted"
else
  pass "a commit with a hard-coded key is refused"
fi
expected="settings.py:3:11: error: hard-coded OpenAI API key: read it from the environment [python.hardcoded-key]"
grep -qxF "$expected" <<< "$out" || fail "missing '$expected' in the hook output:"$'\n'"$out"
if grep -qF "$key_middle" <<< "$out"; then
  fail "the hook output shows the key in clear"
else
  pass "the key is not printed"
fi
[[ "$(commits)" == "$before" ]] || fail "the refused commit was recorded"

# 4. The key deleted in the working tree but still staged: the hook checks
# the index (check --staged), so the staged key still blocks.
printf 'import os\n\nAPI_KEY = os.environ["GW_KEY"]\n' > settings.py
if try_commit "staged key, clean working tree"; then
  fail "a staged key passed because the working tree was clean"
else
  pass "a key still staged is refused although the working tree is clean"
fi
grep -qF "settings.py:3:11: error:" <<< "$out" || fail "the refusal does not name settings.py:"$'\n'"$out"
grep -qF "$key_middle" <<< "$out" && fail "the hook output shows the key in clear"
git add settings.py
if try_commit "key from the environment"; then
  pass "the fixed file commits"
else
  fail "the fixed file was refused:"$'\n'"$out"
fi

# 4b. The other way round: a key only in the working tree, not staged, does
# not block what is committed.
printf '# local note\n' > notes.txt
git add notes.txt
printf '# local note\nKEY=%s\n' "$fake_key" > notes.txt
if try_commit "staged copy is clean"; then
  pass "an unstaged key does not block a clean staged copy"
else
  fail "an unstaged key blocked the commit:"$'\n'"$out"
fi
git checkout -q -- notes.txt

# 5. Files keyshift has nothing to say about, and empty commits, pass.
printf '# notes\n\nnothing to migrate here\n' > NOTES.md
printf 'def add(a, b):\n    return a + b\n' > util.py
git add NOTES.md util.py
if try_commit "unrelated files"; then pass "unrelated files commit"; else fail "unrelated files were refused:"$'\n'"$out"; fi
if git commit -q --allow-empty -m "empty" > /dev/null 2>&1; then
  pass "an empty commit passes"
else
  fail "an empty commit was refused"
fi

# 6. The pre-commit framework, when installed: the manifest validates and
# its hooks gate the same way through try-repo (which needs a git repo).
if command -v pre-commit >/dev/null 2>&1; then
  manifest="$source_root/.pre-commit-hooks.yaml"
  if pre-commit validate-manifest "$manifest" > "$tmp/validate.txt" 2>&1; then
    pass "pre-commit validate-manifest accepts .pre-commit-hooks.yaml"
  else
    fail "pre-commit validate-manifest: $(cat "$tmp/validate.txt")"
  fi
  export PRE_COMMIT_HOME="$tmp/pre-commit-home"
  hooks_repo="$tmp/hooks-repo"
  git init -q "$hooks_repo"
  cp "$manifest" "$hooks_repo/.pre-commit-hooks.yaml"
  git -C "$hooks_repo" add .pre-commit-hooks.yaml
  git -C "$hooks_repo" commit -q -m hooks
  rm "$hooks_dir/pre-commit"

  printf 'import openai\n\nclient = openai.OpenAI()\n' > service.py
  git add service.py
  if out="$(pre-commit try-repo "$hooks_repo" keyshift-check --files service.py 2>&1)"; then
    fail "pre-commit keyshift-check passed a direct client:"$'\n'"$out"
  else
    pass "pre-commit keyshift-check fails on a direct client"
  fi
  grep -qF "[python.client-construction]" <<< "$out" ||
    fail "pre-commit keyshift-check output lacks the finding:"$'\n'"$out"

  if out="$(pre-commit try-repo "$hooks_repo" keyshift-migrate --files service.py 2>&1)"; then
    fail "pre-commit keyshift-migrate passed although it rewrote service.py:"$'\n'"$out"
  else
    pass "pre-commit keyshift-migrate rewrites and stops the commit"
  fi
  grep -qF 'base_url="https://gw.example/v1"' service.py ||
    fail "keyshift-migrate did not rewrite service.py: $(cat service.py)"
  git add service.py
  if out="$(pre-commit try-repo "$hooks_repo" keyshift-check --files service.py 2>&1)"; then
    pass "pre-commit keyshift-check passes the migrated file"
  else
    fail "pre-commit keyshift-check refused the migrated file:"$'\n'"$out"
  fi

  printf 'import os\n\nAPI_KEY = "%s"\n' "$fake_key" > leaked.py
  git add leaked.py
  if out="$(pre-commit try-repo "$hooks_repo" keyshift-audit --files leaked.py 2>&1)"; then
    fail "pre-commit keyshift-audit passed a hard-coded key"
  else
    pass "pre-commit keyshift-audit fails on a hard-coded key"
  fi
  grep -qF "[python.hardcoded-key]" <<< "$out" ||
    fail "pre-commit keyshift-audit output lacks the finding:"$'\n'"$out"
  grep -qF "$key_middle" <<< "$out" && fail "pre-commit keyshift-audit shows the key in clear"

  # 7. keyshift-audit installed for real (pre-commit install, then git
  # commit) in a repository with no proxy configuration at all: a key in a
  # .env file and in a YAML file is refused, redacted; clean files commit.
  keys_repo="$tmp/keys-repo"
  git init -q "$keys_repo"
  hooks_rev="$(git -C "$hooks_repo" rev-parse HEAD)"
  printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: keyshift-audit\n' \
    "$hooks_repo" "$hooks_rev" > "$keys_repo/.pre-commit-config.yaml"
  git -C "$keys_repo" add .pre-commit-config.yaml
  git -C "$keys_repo" commit -q --no-verify -m "hooks"
  if (cd "$keys_repo" && pre-commit install > /dev/null); then
    cd "$keys_repo" || exit 1
    for file in .env config/app.yaml; do
      mkdir -p "$(dirname "$file")"
      case "$file" in
        .env) printf 'DEBUG=1\nOPENAI_API_KEY=%s\n' "$fake_key" > "$file" ;;
        *) printf 'openai:\n  model: gpt-4o\n  api_key: "%s"\n' "$fake_key" > "$file" ;;
      esac
      git add "$file"
      if try_commit "key in $file"; then
        fail "keyshift-audit let a key in $file through"
      else
        pass "keyshift-audit refuses a key in $file (no proxy configured)"
      fi
      grep -qF "$file:" <<< "$out" || fail "the refusal does not name $file:"$'\n'"$out"
      grep -qF "[secrets.hardcoded-key]" <<< "$out" || fail "no key finding for $file:"$'\n'"$out"
      grep -qF "$key_middle" <<< "$out" && fail "keyshift-audit shows the key in clear for $file"
      grep -qF "no proxy configured" <<< "$out" && fail "keyshift-audit asked for a proxy:"$'\n'"$out"
      git rm -q --cached "$file"
      rm -f "$file"
    done
    printf 'OPENAI_API_KEY=${OPENAI_API_KEY}\n' > .env
    printf 'openai:\n  api_key: sk-...\n' > app.yaml
    git add .env app.yaml
    if try_commit "placeholders only"; then
      pass "keyshift-audit lets placeholders through"
    else
      fail "keyshift-audit refused placeholders:"$'\n'"$out"
    fi
    # The whole repository, as CI runs it: every file, read from the index.
    printf 'K=%s\n' "$fake_key" > leaked.txt
    git add leaked.txt
    git commit -q --no-verify -m "a key slips through with --no-verify"
    if out="$(pre-commit run --all-files 2>&1)"; then
      fail "pre-commit run --all-files missed the committed key"
    else
      pass "pre-commit run --all-files finds a committed key"
    fi
    grep -qF "leaked.txt:1:3:" <<< "$out" || fail "run --all-files output lacks leaked.txt:"$'\n'"$out"
    cd "$repo" || exit 1
  else
    fail "pre-commit install failed in $keys_repo"
  fi
else
  echo "SKIP: the pre-commit framework is not installed (apt-get install pre-commit); .pre-commit-hooks.yaml not validated"
fi

if [[ $failures -ne 0 ]]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "all passed"
exit 0
