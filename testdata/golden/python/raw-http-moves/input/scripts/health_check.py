#!/usr/bin/env python3
"""Exit 0 when the model API answers; used by the deploy pipeline."""
import os
import sys

import httpx

OPENAI_API = "https://api.openai.com/v1"


def check(model: str = "gpt-4o-mini") -> bool:
    headers = {
        "Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}",
        "Content-Type": "application/json",
    }
    resp = httpx.get(f"{OPENAI_API}/models/{model}", headers=headers, timeout=10)
    return resp.status_code == 200


if __name__ == "__main__":
    sys.exit(0 if check() else 1)
