"""Flask-style configuration: values are class attributes."""
import os


class Config:
    DEBUG = False
    OPENAI_KEY = os.getenv("OPENAI_API_KEY")
