"""A module with a docstring and no imports before the client."""
import openai

client = openai.OpenAI()
