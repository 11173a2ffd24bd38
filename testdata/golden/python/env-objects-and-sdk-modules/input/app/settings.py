"""Settings read once at import time."""
from os import environ as env

OPENAI_API_KEY = env.get("OPENAI_API_KEY", "")
AZURE_KEY = env["AZURE_OPENAI_API_KEY"]
