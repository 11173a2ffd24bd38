import os

from openai import OpenAI

# Sets its own headers: Portkey's join them.
tagged = OpenAI(api_key=os.environ["OPENAI_API_KEY"], default_headers={"X-App": "assistant"})

# Sets Portkey's header itself (another spelling): it is kept, not doubled.
routed = OpenAI(
    api_key=os.environ["OPENAI_API_KEY"],
    default_headers={
        "X-Portkey-Provider": os.environ["MY_PROVIDER"],  # ours
    },
)
