"""Configure the module-level client once."""
import os

import openai

openai.api_key = os.environ["OPENAI_API_KEY"]


def ask(prompt):
    return openai.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
