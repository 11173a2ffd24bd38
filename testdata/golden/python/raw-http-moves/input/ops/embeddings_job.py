"""Nightly job: embed new documents with a plain aiohttp session."""
import asyncio
import os

import aiohttp

EMBEDDINGS_URL = "https://api.openai.com/v1/embeddings"


async def embed(texts):
    key = os.getenv("OPENAI_API_KEY", "")
    async with aiohttp.ClientSession() as session:
        async with session.post(
            EMBEDDINGS_URL,
            json={"model": "text-embedding-3-small", "input": texts},
            headers={"Authorization": "Bearer " + key},
        ) as resp:
            resp.raise_for_status()
            return [d["embedding"] for d in (await resp.json())["data"]]


if __name__ == "__main__":
    print(len(asyncio.run(embed(["hello"]))))
