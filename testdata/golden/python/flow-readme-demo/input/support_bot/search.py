"""Semantic search over past tickets."""
import os

from langchain_openai import OpenAIEmbeddings

embeddings = OpenAIEmbeddings(
    model="text-embedding-3-small",
    openai_api_key=os.environ.get("OPENAI_API_KEY"),
)


def embed(texts):
    return embeddings.embed_documents(texts)
