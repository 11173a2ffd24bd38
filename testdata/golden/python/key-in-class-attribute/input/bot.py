from openai import OpenAI

from config import Config

# The key is read as Config.OPENAI_KEY: keyshift cannot trace it, so the
# client stays on OpenAI, and the read in config.py must stay with it.
client = OpenAI(api_key=Config.OPENAI_KEY)
