import os

from openai import OpenAI


def make_client() -> OpenAI:
    return OpenAI(timeout=30)


def key_configured() -> bool:
    return bool(os.getenv("OPENAI_API_KEY"))
