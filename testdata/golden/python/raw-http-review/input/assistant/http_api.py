"""A thin wrapper over the REST API, for environments without the SDK."""
import httpx

API_BASE = "https://api.openai.com/v1"


class ChatAPI:
    def __init__(self, api_key: str, timeout: float = 30.0):
        self._key = api_key
        self._timeout = timeout

    def complete(self, messages, model="gpt-4o-mini"):
        resp = httpx.post(
            API_BASE + "/chat/completions",
            json={"model": model, "messages": messages},
            headers={"Authorization": f"Bearer {self._key}"},
            timeout=self._timeout,
        )
        resp.raise_for_status()
        return resp.json()["choices"][0]["message"]["content"]


def moderate(text, key):
    return httpx.post(f"{API_BASE}/moderations", json={"input": text},
                      headers={"Authorization": f"Bearer {key}"}).json()
