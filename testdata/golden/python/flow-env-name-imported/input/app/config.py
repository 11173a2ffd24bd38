import os

OPENAI_KEY_ENV = "OPENAI_API_KEY"
OPENAI_KEY = os.environ.get(OPENAI_KEY_ENV, "")


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)
