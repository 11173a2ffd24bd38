"""The chat client used by the bot."""
from __future__ import annotations

import logging

from openai import AsyncOpenAI, OpenAI

from support_bot import settings

log = logging.getLogger(__name__)

client = OpenAI(api_key=settings.OPENAI_API_KEY, timeout=settings.TIMEOUT_S)
async_client = AsyncOpenAI()


def answer(ticket: str) -> str:
    log.info("answering ticket of %d chars", len(ticket))
    reply = client.chat.completions.create(
        model=settings.MODEL,
        messages=[
            {"role": "system", "content": "You are a concise support agent."},
            {"role": "user", "content": ticket},
        ],
    )
    return reply.choices[0].message.content or ""
