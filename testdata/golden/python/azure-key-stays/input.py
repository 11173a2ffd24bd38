"""Two backends: Azure for the EU tenant, OpenAI for the rest.

The Azure client is left for a person (it does not map onto the proxy), and
it takes OPENAI_API_KEY too: renaming that read would hand the proxy key to
Azure, so the variable stays as it is everywhere, and so does the OpenAI
client that reads it.
"""
import os

from openai import AzureOpenAI, OpenAI

eu = AzureOpenAI(
    api_key=os.environ["OPENAI_API_KEY"],
    azure_endpoint="https://contoso-eu.openai.azure.com",
    api_version="2024-06-01",
)
default = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
