#!/bin/sh
# Runs the worker in a container with the caller's credentials.
set -eu
docker run --rm -e OPENAI_API_KEY="$OPENAI_API_KEY" -e MODE=batch worker:latest
docker run --rm -e "OPENAI_API_KEY=${OPENAI_API_KEY}" worker:latest --once
kubectl create secret generic llm --from-literal=OPENAI_API_KEY="$OPENAI_API_KEY"
env OPENAI_API_KEY="${OPENAI_API_KEY:?set it first}" python worker.py
echo "OPENAI_API_KEY=$OPENAI_API_KEY" >> .env.worker
