import requests


class LLM:
    """A thin HTTP wrapper; the key is the caller's."""

    base_url = "https://api.openai.com/v1"

    def __init__(self, key):
        self.key = key

    def chat(self, body):
        return requests.post(self.base_url + "/chat/completions", json=body,
                             headers={"Authorization": f"Bearer {self.key}"})
