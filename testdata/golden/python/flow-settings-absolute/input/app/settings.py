"""Settings read from the environment."""
import os

OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]
TIMEOUT_S = float(os.getenv("APP_TIMEOUT", "30"))
