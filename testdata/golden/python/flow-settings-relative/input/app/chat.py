from openai import OpenAI

from .config import API_KEY

chat = OpenAI(api_key=API_KEY)
