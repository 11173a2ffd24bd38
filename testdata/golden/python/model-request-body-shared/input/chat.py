"""One body, two requests: the name may take the proxy's naming only if
every request that sends it moves. ping() moves with its key; ping_as()
sends the caller's key and stays on OpenAI, so the shared name stays, and
says why."""
import os

import requests

URL = "https://api.openai.com/v1/chat/completions"
BODY = {"model": "gpt-4o", "messages": [{"role": "user", "content": "ping"}]}


def ping():
    headers = {"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]}
    return requests.post(URL, json=BODY, headers=headers).json()


def ping_as(key):
    return requests.post(
        "https://api.openai.com/v1/chat/completions",
        json=BODY,
        headers={"Authorization": "Bearer " + key},
    ).json()
