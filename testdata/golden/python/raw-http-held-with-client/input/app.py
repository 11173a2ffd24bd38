"""A regional client stays: the request beside it keeps its key too."""
import os
import requests
from openai import OpenAI

eu = OpenAI(base_url="https://eu.api.openai.com/v1", api_key=os.environ["OPENAI_EU_KEY"])

def go():
    return requests.post("https://api.openai.com/v1/chat/completions", headers={"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"})
