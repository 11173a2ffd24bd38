import os

import requests

URL = "https://api.openai.com/v1/chat/completions"
HEADERS = {"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]}


def small(prompt):
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": prompt}]}
    return requests.post(URL, json=body, headers=HEADERS).json()


def large(prompt):
    # Not in the map: reported, never guessed; the request still moves.
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": prompt}]}
    return requests.post(URL, json=body, headers=HEADERS).json()
