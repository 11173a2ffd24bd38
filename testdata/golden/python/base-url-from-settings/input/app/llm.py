import os

from openai import OpenAI

from app.settings import settings

# The URL comes from the settings object: it may well be OpenAI's.
client = OpenAI(
    base_url=settings.chat_url,
    api_key=os.environ["OPENAI_API_KEY"],
    timeout=settings.timeout,
)

# This one already sends the proxy key: wherever it points, it is proxied.
gateway = OpenAI(base_url=settings.chat_url, api_key=os.environ["LLM_PROXY_KEY"])


def ask(question: str) -> str:
    reply = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
    )
    return reply.choices[0].message.content or ""
