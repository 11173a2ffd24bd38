from openai import OpenAI

from .settings import client_options

client = OpenAI(**client_options())
