import os

from openai import OpenAI

# Sets its own headers: Portkey's must join them, by hand.
tagged = OpenAI(api_key=os.environ["OPENAI_API_KEY"], default_headers={"X-App": "assistant"})
