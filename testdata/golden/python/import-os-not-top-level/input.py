from openai import OpenAI


def helper():
    import os
    return os.getcwd()


client = OpenAI()
