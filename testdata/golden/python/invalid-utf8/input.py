# café (latin-1 in a comment)
from openai import OpenAI
client = OpenAI()
