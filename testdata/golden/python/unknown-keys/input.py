import os

import openai
from openai import OpenAI

other_env = OpenAI(api_key=os.environ["MY_OTHER_KEY"])
openai.api_key = load_key()
