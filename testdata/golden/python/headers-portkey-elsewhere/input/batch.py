import os

from openai import OpenAI

HEADERS = {"X-App": "batch"}
# Headers built elsewhere: keyshift cannot add to them, so a person does.
batch = OpenAI(api_key=os.environ["OPENAI_API_KEY"], default_headers=HEADERS)
