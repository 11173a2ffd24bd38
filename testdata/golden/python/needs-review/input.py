from openai import AzureOpenAI, OpenAI

settings = {"timeout": 30}
client = OpenAI(**settings)
azure = AzureOpenAI(azure_endpoint="https://example.openai.azure.com", api_version="2024-06-01")
dynamic = OpenAI(api_key=vault.read("openai"))
