"""RAG service: LlamaIndex for retrieval, LiteLLM for one-off summaries."""
import os

import litellm
from llama_index.core import Settings
from llama_index.embeddings.openai import OpenAIEmbedding
from llama_index.llms.openai import OpenAI

Settings.llm = OpenAI(model="gpt-4o-mini", api_key=os.environ["OPENAI_API_KEY"])
Settings.embed_model = OpenAIEmbedding(model="text-embedding-3-small")


def summarize(text):
    return litellm.completion(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": text}],
        api_base="https://api.openai.com/v1",
        api_key=os.environ["OPENAI_API_KEY"],
    )
