from openai import OpenAI

client = OpenAI()

def broken(:
    return OpenAI(
