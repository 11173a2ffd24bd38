#!/usr/bin/env bash
set -euo pipefail
export OPENAI_API_KEY="${OPENAI_API_KEY:?set OPENAI_API_KEY}"
# call https://api.openai.com/v1 directly
curl -sS https://api.openai.com/v1/chat/completions \
  -H "Authorization: Bearer $OPENAI_API_KEY" \
  -H 'Content-Type: application/json' \
  -d '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}'
