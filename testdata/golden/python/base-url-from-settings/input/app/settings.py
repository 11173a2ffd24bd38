"""Runtime settings, read once from the environment."""
import os


class Settings:
    def __init__(self) -> None:
        self.chat_url = os.environ.get("CHAT_API_URL", "https://api.openai.com/v1")
        self.timeout = float(os.environ.get("CHAT_TIMEOUT", "30"))


settings = Settings()
