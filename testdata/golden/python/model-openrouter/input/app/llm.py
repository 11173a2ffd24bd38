import os

from openai import OpenAI

from app.settings import CHAT_MODEL

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
SUMMARY_MODEL = "gpt-4o-mini"


def summarize(text: str) -> str:
    reply = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Summarize: {text}"}],
    )
    return reply.choices[0].message.content or ""


def embed(texts: list[str]) -> list[list[float]]:
    result = client.embeddings.create(model="text-embedding-3-small", input=texts)
    return [d.embedding for d in result.data]


def chat(messages: list[dict]) -> str:
    # Already OpenRouter's name: left alone.
    reply = client.chat.completions.create(model="openai/gpt-4o", messages=messages)
    return reply.choices[0].message.content or ""


def classify(text: str) -> str:
    # A fine-tuned model: OpenRouter cannot guess it.
    reply = client.chat.completions.create(
        model="ft:gpt-4o-mini-2024-07-18:acme::9abcDEF", messages=[{"role": "user", "content": text}]
    )
    return reply.choices[0].message.content or ""


def configured(messages: list[dict], size: str) -> tuple[str, str]:
    a = client.chat.completions.create(model=CHAT_MODEL, messages=messages)
    b = client.chat.completions.create(model=f"gpt-4o-{size}", messages=messages)
    c = client.chat.completions.create(model=SUMMARY_MODEL, messages=messages)
    return a.choices[0].message.content or "", b.choices[0].message.content or ""


def ask(llm: OpenAI, question: str) -> str:
    # A client passed in: keyshift cannot tell whether it moves.
    reply = llm.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    return reply.choices[0].message.content or ""
