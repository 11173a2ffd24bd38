import os

from openai import OpenAI

# Reads the same variable: one flow, so it stays too.
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
