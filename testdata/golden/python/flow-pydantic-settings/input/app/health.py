import os


def key_configured() -> bool:
    return bool(os.environ.get("OPENAI_API_KEY"))
