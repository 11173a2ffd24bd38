#!/usr/bin/env python3
"""Checks that the model endpoint answers."""
import os
import sys

import requests

MODELS_URL = "https://api.openai.com/v1/models"


def main() -> int:
    key = os.environ["OPENAI_API_KEY"]
    resp = requests.get(MODELS_URL, headers={"Authorization": f"Bearer {key}"}, timeout=10)
    print("ok" if resp.ok else f"error {resp.status_code}")
    return 0 if resp.ok else 1


if __name__ == "__main__":
    sys.exit(main())
