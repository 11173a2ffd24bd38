"""Application settings, read from the environment and .env."""
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")

    openai_api_key: str = ""
    model: str = "gpt-4o-mini"


settings = Settings()
