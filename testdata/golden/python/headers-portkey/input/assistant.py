import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ["OPENAI_API_KEY"],
    timeout=30,
)


def reply(text: str) -> str:
    out = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return out.choices[0].message.content or ""
