from openai import *

client = OpenAI(
    timeout=30,  # seconds
)
