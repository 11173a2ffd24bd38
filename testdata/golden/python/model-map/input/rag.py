import os

from openai import AsyncOpenAI

llm = AsyncOpenAI(api_key=os.getenv("OPENAI_API_KEY"), timeout=20.0)


async def answer(question: str, context: str) -> str:
    reply = await llm.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": context},
            {"role": "user", "content": question},
        ],
    )
    return reply.choices[0].message.content or ""


async def embed(texts: list[str]) -> list[list[float]]:
    out = await llm.embeddings.create(model="text-embedding-3-small", input=texts)
    return [d.embedding for d in out.data]


async def rerank(question: str) -> str:
    # Not in models.map: reported, never guessed.
    reply = await llm.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    return reply.choices[0].message.content or ""
