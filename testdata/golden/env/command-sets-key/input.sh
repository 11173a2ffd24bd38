#!/usr/bin/env bash
# Writes the deploy's .env from the vault.
set -euo pipefail
write_env() { printf '%s=%s\n' "$1" "$2" >> .env; }
write_env OPENAI_API_KEY "$(vault kv get -field=key secret/openai)"
docker run --rm -e OPENAI_API_KEY="$VAULT_LLM_SECRET" worker:latest
curl -sS https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY"
