import os

import openai


def make_client():
    return openai.OpenAI(api_key=os.getenv("OPENAI_API_KEY"), max_retries=5)
