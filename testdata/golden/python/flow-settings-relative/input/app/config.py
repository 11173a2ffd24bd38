import os

API_KEY = os.getenv("OPENAI_API_KEY", "")
