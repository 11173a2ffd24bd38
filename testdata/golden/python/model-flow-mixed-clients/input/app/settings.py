import os

CHAT_MODEL = os.getenv("CHAT_MODEL", "gpt-4o-mini")
