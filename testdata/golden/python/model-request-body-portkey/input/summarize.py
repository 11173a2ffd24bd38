"""Portkey needs its provider header on every request: the SDK client gets
it as default_headers, the hand-written request in the headers dict that
sends its key; a request with no such literal stays, and says why."""
import os

import requests
from openai import OpenAI

client = OpenAI()
URL = "https://api.openai.com/v1/chat/completions"


def summarize(text):
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": text}]}
    headers = {"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]}
    return requests.post(URL, json=body, headers=headers).json()


def summarize_sdk(text):
    return client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": text}]
    )


def models():
    # No header literal to add the provider to: stays on OpenAI.
    return requests.get("https://api.openai.com/v1/models", timeout=5).json()

