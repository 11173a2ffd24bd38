import os

from openai import OpenAI

from .secrets import fetch_secret

KEY_ENV = "OPENAI_API_KEY"

client = OpenAI(api_key=os.getenv(KEY_ENV))
# Also looked up by name elsewhere: keyshift does not follow fetch_secret.
fallback_key = fetch_secret(KEY_ENV)
