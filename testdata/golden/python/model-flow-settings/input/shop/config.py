"""Settings for the shop assistant, from the environment."""
from os import environ, getenv

API_KEY = environ["OPENAI_API_KEY"]
CHAT_MODEL = getenv("SHOP_CHAT_MODEL", default="gpt-4o")
EMBED_MODEL = environ.get("SHOP_EMBED_MODEL", "text-embedding-3-small")
