import os

from openai import OpenAI

# keys.py reads OPENAI_API_KEY by a name held in a string: renaming this
# read alone would leave keys.api_key() on the old variable.
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
