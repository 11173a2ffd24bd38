import os

CHAT_MODEL = os.environ.get("CHAT_MODEL", "gpt-4o")
