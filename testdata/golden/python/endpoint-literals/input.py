import requests

CHAT_URL = "https://api.openai.com/v1/chat/completions"
MODELS = f'https://api.openai.com/v1/models/{"gpt-4o"}'
EMBEDDINGS = ("https://api.openai.com"
              "/v1/embeddings")
HELP = "see https://platform.openai.com/docs for api.openai.com limits"


def post(payload, key):
    return requests.post(CHAT_URL, json=payload, headers={"Authorization": f"Bearer {key}"}, timeout=30)
