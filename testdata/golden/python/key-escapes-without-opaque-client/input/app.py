import os

from openai import OpenAI

from .audit import record_key_fingerprint

# Every client here is traced: the read may go elsewhere as well.
record_key_fingerprint(os.environ["OPENAI_API_KEY"])
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
