from openai import OpenAI

from . import config

_client = OpenAI(api_key=config.API_KEY)


def reply(history):
    out = _client.chat.completions.create(model=config.CHAT_MODEL, messages=history)
    return out.choices[0].message.content


def embed(texts):
    return _client.embeddings.create(input=texts, model=config.EMBED_MODEL).data
