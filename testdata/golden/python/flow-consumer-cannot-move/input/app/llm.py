from openai import OpenAI

from app.settings import OPENAI_API_KEY

# **extra may carry a base_url: keyshift cannot move this client.
def make(**extra):
    return OpenAI(api_key=OPENAI_API_KEY, **extra)
