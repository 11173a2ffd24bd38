"""LLM client factories for the worker."""
import os

from openai import OpenAI


def default_client():
    settings = {"timeout": 30, "api_key": os.environ["OPENAI_API_KEY"]}
    return OpenAI(**settings)


def inline_client():
    return OpenAI(**dict(max_retries=3))


def injected(OpenAI=None):
    # A test double passed in: not the SDK's class, here only.
    return OpenAI()


def shared_settings():
    cfg = {"timeout": 10}
    cfg["max_retries"] = 5
    return OpenAI(**cfg)


quick = OpenAI(timeout=5,)
commented = OpenAI(
    timeout=60  # long batch jobs
)
