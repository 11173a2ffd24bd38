import openai
from openai import OpenAI

label = f"{OpenAI()}"
if True: openai.api_key = "@@FAKE_OPENAI_KEY@@"
