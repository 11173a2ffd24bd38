from openai import OpenAI

from .settings import client_options

# Options keyshift cannot see: this client stays on OpenAI, and with it
# every read of OPENAI_API_KEY in the repository.
client = OpenAI(**client_options())
