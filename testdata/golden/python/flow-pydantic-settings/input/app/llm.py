from openai import OpenAI

from app.settings import settings

# The key is the settings field, which pydantic fills from OPENAI_API_KEY:
# renaming the variable in .env or in health.py would leave this client
# without its key, or send the proxy's key to OpenAI.
client = OpenAI(api_key=settings.openai_api_key)
