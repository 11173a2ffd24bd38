import os

from keyshift_shim import wrap
from openai import OpenAI

client = wrap(OpenAI(base_url="https://llm-proxy.example/v1", api_key=os.environ["LLM_PROXY_KEY"]))
