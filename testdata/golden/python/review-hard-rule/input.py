import os

import openai

BASE = "https://api.openai.com/v1"
client = openai.OpenAI(base_url=BASE, api_key=vault.get("openai"))

openai.api_key = os.environ["OPENAI_API_KEY"]
if os.getenv("DEV"):
    openai.api_key = vault.get("dev")
