import os

from openai import OpenAI

from app import settings

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
# A gateway of the team's own, already in front of OpenAI: its clients
# keep their names, so the one value cannot serve both.
gateway = OpenAI(base_url="https://llm-gateway.internal/v1", api_key=os.environ["GATEWAY_KEY"])


def answer(question: str) -> str:
    reply = client.chat.completions.create(
        model=settings.CHAT_MODEL, messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content or ""


def answer_internal(question: str) -> str:
    reply = gateway.chat.completions.create(
        model=settings.CHAT_MODEL, messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content or ""
