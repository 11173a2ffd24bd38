"""Clients get the keyshift runtime shim with --shim."""
import os

from openai import AsyncOpenAI, OpenAI


def wrap(text):
    return f"[{text}]"


client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
proxied = AsyncOpenAI(base_url="https://gateway.internal/v1", api_key=os.environ["GATEWAY_KEY"])
