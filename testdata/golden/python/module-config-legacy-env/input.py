import os

import openai as oa

oa.api_key = os.getenv("OPENAI_API_KEY")


def complete(prompt):
    return oa.Completion.create(model="gpt-3.5-turbo-instruct", prompt=prompt)
