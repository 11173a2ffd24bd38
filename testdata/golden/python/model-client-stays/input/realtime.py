import os

from openai import OpenAI

# Pinned to OpenAI's EU data residency host: it stays on OpenAI, and so
# does its model name.
eu = OpenAI(base_url="https://eu.api.openai.com/v1", api_key=os.environ["OPENAI_API_KEY"])


def transcribe(path: str) -> str:
    with open(path, "rb") as audio:
        result = eu.audio.transcriptions.create(model="whisper-1", file=audio)
    return result.text


def reply(text: str) -> str:
    out = eu.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return out.choices[0].message.content or ""
