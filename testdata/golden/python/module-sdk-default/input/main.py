"""Generates a program from a prompt (openai<1.0: the module's own client)."""
import os

import openai

if not os.getenv("OPENAI_API_KEY"):
    raise SystemExit("set OPENAI_API_KEY")


def generate(prompt):
    # No openai.api_key anywhere: the SDK reads OPENAI_API_KEY itself, so
    # the variable cannot be renamed while this call stays on OpenAI.
    response = openai.ChatCompletion.create(
        model="gpt-4", messages=[{"role": "user", "content": prompt}]
    )
    return response["choices"][0]["message"]["content"]
