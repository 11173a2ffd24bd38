"""Builds the document index with LlamaIndex's OpenAI integrations."""
import os

from llama_index.core import Settings, VectorStoreIndex
from llama_index.embeddings.openai import OpenAIEmbedding
from llama_index.llms.openai import OpenAI as LlamaOpenAI
from llama_index.llms.ollama import Ollama

Settings.llm = LlamaOpenAI(
    model="gpt-4o-mini",
    api_key=os.getenv("OPENAI_API_KEY"),
    api_base=os.getenv("OPENAI_API_BASE", "https://api.openai.com/v1"),
)
Settings.embed_model = OpenAIEmbedding(model="text-embedding-3-small")

# A local model: not OpenAI, left alone.
local = Ollama(model="llama3.1", base_url="http://localhost:11434")


def build(documents):
    return VectorStoreIndex.from_documents(documents)
