"""Imported by the CLI entry point before anything else runs."""
import os

import openai

openai.api_key = os.getenv("OPENAI_API_KEY")
