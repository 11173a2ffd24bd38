"""Runtime settings, read from the environment."""
import os

OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]
MODEL = os.getenv("SUPPORT_BOT_MODEL", "gpt-4o-mini")
TIMEOUT_S = float(os.getenv("SUPPORT_BOT_TIMEOUT", "30"))
