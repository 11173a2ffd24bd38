from openai._client import AsyncOpenAI
from openai.lib.azure import AzureOpenAI

from . import settings

# The SDK's own module re-exports the client: same class as openai.AsyncOpenAI.
chat = AsyncOpenAI(api_key=settings.OPENAI_API_KEY)

# Azure stays on Azure: reported, never pointed at the proxy.
azure = AzureOpenAI(
    api_key=settings.AZURE_KEY,
    api_version="2024-06-01",
    azure_endpoint="https://contoso.openai.azure.com",
)
