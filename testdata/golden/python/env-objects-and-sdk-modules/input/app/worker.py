from os import environ

from openai import OpenAI


def make_client():
    key = environ.get("OPENAI_API_KEY")
    return OpenAI(api_key=key, timeout=20)
