import os

from openai import OpenAI

batch_client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
