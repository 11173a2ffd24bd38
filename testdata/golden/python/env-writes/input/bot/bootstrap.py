"""Puts the vault's secrets into the environment before the bot starts."""
import os

from bot.vault import read_secret


def load_secrets() -> None:
    # The SDK reads OPENAI_API_KEY itself: nothing else passes the key on.
    os.environ["OPENAI_API_KEY"] = read_secret("llm/openai")


def load_defaults(settings: dict) -> None:
    os.environ.setdefault("OPENAI_API_KEY", settings["openai_key"])
    os.environ.update(OPENAI_API_KEY=settings["openai_key"])


def forget_secrets() -> None:
    del os.environ["OPENAI_API_KEY"]
