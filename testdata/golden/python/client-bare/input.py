#!/usr/bin/env python3
"""Summarise support tickets with an OpenAI model."""
from __future__ import annotations

import json
from openai import OpenAI, AsyncOpenAI

client = OpenAI()
aclient = AsyncOpenAI(timeout=20.0)


def summarise(ticket: dict) -> str:
    reply = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": json.dumps(ticket)}],
    )
    return reply.choices[0].message.content
