"""Mentions of OpenAI that are not API usage: nothing here may change."""
from mylib.clients import OpenAI


class LocalOpenAI:
    pass


client = OpenAI()  # mylib's client, not the SDK's
other = LocalOpenAI()
# client = openai.OpenAI()
NOTE = "We moved away from calling OpenAI() directly; api.openai.com is blocked."
