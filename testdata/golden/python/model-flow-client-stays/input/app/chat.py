from openai import OpenAI

from app.settings import MODEL


def make_client(key):
    return OpenAI(api_key=key)


def ask(key, q):
    # The client's key is a parameter: it stays on OpenAI, and so does the
    # model's name.
    client = OpenAI(api_key=key)
    return client.chat.completions.create(model=MODEL, messages=[q])
