"""Chat over plain HTTP: no SDK, the request built by hand."""
import json
import os

import httpx
import requests

CHAT_URL = "https://api.openai.com/v1/chat/completions"
EMBED_URL = "https://api.openai.com/v1/embeddings"
DEFAULT_MODEL = "gpt-4o-mini"


def ask(question: str) -> str:
    payload = {
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": question}],
        "temperature": 0,
    }
    r = requests.post(
        CHAT_URL,
        json=payload,
        headers={"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"},
        timeout=30,
    )
    r.raise_for_status()
    return r.json()["choices"][0]["message"]["content"]


def embed(texts: list[str]) -> list[list[float]]:
    body = json.dumps({"model": "text-embedding-3-small", "input": texts})
    key = os.environ["OPENAI_API_KEY"]
    r = requests.post(
        EMBED_URL,
        data=body,
        headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"},
    )
    return [d["embedding"] for d in r.json()["data"]]


def ask_with(api_key: str, question: str, model: str = DEFAULT_MODEL) -> str:
    # The caller's key: keyshift cannot tell which one it is, so this
    # request stays, and so does the name it sends.
    r = httpx.post(
        "https://api.openai.com/v1/chat/completions",
        json={"model": "gpt-4o", "messages": [{"role": "user", "content": question}]},
        headers={"Authorization": f"Bearer {api_key}"},
    )
    return r.json()["choices"][0]["message"]["content"]


def review(text: str) -> str:
    # Not OpenAI: the body's model is none of keyshift's business.
    r = requests.post(
        "https://api.anthropic.com/v1/messages",
        json={"model": "claude-3-5-sonnet-latest", "max_tokens": 256,
              "messages": [{"role": "user", "content": text}]},
        headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"]},
    )
    return r.json()["content"][0]["text"]
