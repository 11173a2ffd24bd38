"""The chat client."""
from openai import OpenAI

from app import settings

client = OpenAI(api_key=settings.OPENAI_API_KEY, timeout=settings.TIMEOUT_S)
