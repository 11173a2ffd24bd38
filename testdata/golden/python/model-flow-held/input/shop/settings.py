import os

OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]
MODEL = os.getenv("SHOP_MODEL", "gpt-4o-mini")
