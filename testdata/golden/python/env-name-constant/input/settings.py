import os

KEY_ENV = "OPENAI_API_KEY"
OPENAI_API_KEY = os.getenv(KEY_ENV)
