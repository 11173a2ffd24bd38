import os

import openai

openai.api_key = os.getenv("OPENAI_API_KEY")
openai.base_url = "https://api.openai.com/v1/"
