"""Provider keys, looked up by the name of their variable."""
import os

KEY_ENV = "OPENAI_API_KEY"


def api_key():
    return os.getenv(KEY_ENV)


def missing():
    return [n for n in ["OPENAI_API_KEY", "SERPER_API_KEY"] if not os.getenv(n)]
