import os
from openai import OpenAI

legacy = OpenAI()  # keyshift: ignore
# keyshift: ignore[python.env-key-ref]
KEY = os.environ["OPENAI_API_KEY"]
# keyshift: ignore[python.endpoint-literal]
ALSO = os.environ["OPENAI_API_KEY"]
client = OpenAI()
