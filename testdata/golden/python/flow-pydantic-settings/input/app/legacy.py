"""The batch jobs still run on pydantic 1."""
from pydantic import BaseSettings, Field


class JobSettings(BaseSettings):
    token: str = Field("", env="OPENAI_API_KEY")
