import os
from os import environ, getenv

KEY = os.environ["OPENAI_API_KEY"]
ALSO = os.environ.get('OPENAI_API_KEY', "")
MAYBE = getenv("OPENAI_API_KEY")
SUB = environ["OPENAI_API_KEY"]
BASE = os.getenv("OPENAI_BASE_URL", "https://api.openai.com/v1")
UNRELATED = os.environ["HOME"]
