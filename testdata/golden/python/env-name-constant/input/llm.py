import os

from openai import OpenAI

KEY_ENV = "OPENAI_API_KEY"


def make_client() -> OpenAI:
    if KEY_ENV not in os.environ:
        raise RuntimeError("the OpenAI key is not set")
    return OpenAI(api_key=os.environ.get(KEY_ENV, ""))
