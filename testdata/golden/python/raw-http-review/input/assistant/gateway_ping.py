"""Checks that whatever endpoint the deployment configures answers."""
import os

import requests


def ping(endpoint: str) -> bool:
    headers = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"}
    return requests.get(f"{endpoint}/models", headers=headers, timeout=5).ok
