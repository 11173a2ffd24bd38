"""Monthly cost report from the organization usage API (admin key)."""
import os

import requests

USAGE_URL = "https://api.openai.com/v1/organization/costs"


def fetch_costs(start_time: int) -> dict:
    resp = requests.get(
        USAGE_URL,
        params={"start_time": start_time},
        headers={"Authorization": f"Bearer {os.environ['OPENAI_ADMIN_KEY']}"},
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()
