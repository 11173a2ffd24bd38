import os

MODEL = os.getenv("APP_MODEL", "gpt-4o")
