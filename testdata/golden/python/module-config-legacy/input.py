import openai as oa


def configure(key):
    oa.api_key = key
    return oa.ChatCompletion.create(model="gpt-3.5-turbo", messages=[])
