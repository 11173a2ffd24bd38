"""Request options: a plain pydantic BaseModel (not BaseSettings), filled by the caller."""
import os

from pydantic import BaseModel


class Options(BaseModel):
    openai_api_key: str = ""
    model: str = "gpt-4o-mini"


API_KEY = os.environ["OPENAI_API_KEY"]
