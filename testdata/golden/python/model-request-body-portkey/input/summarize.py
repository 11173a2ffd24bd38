"""Portkey needs its provider header: keyshift adds it to SDK clients, not
to hand-written requests, so this request (its URL, key and model name)
stays and is reported, while the SDK client moves with the header."""
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
