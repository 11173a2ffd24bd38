import os
from openai import OpenAI

client = OpenAI(base_url="https://gateway.internal/v1", api_key=os.environ["GATEWAY_KEY"])
