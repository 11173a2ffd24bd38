import os

import openai
from openai import OpenAI

# The key comes from somewhere keyshift cannot see: neither the client nor
# the module configuration may be pointed at the proxy.
client = OpenAI(base_url="https://api.openai.com/v1", api_key=vault.get("openai"))
openai.api_key = vault.get("openai")
openai.base_url = "https://api.openai.com/v1"

# With the key from OPENAI_API_KEY both move together.
other = OpenAI(base_url="https://api.openai.com/v1", api_key=os.environ["OPENAI_API_KEY"])
