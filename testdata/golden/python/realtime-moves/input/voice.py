"""Voice agent over the Realtime API."""
import os

import websockets

REALTIME_URL = "wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview"


async def connect():
    headers = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}", "OpenAI-Beta": "realtime=v1"}
    return await websockets.connect(REALTIME_URL, additional_headers=headers)


async def legacy():
    # websockets < 14 names the argument extra_headers.
    return await websockets.connect(
        "wss://api.openai.com/v1/realtime",
        extra_headers={"Authorization": "Bearer " + os.getenv("OPENAI_API_KEY", "")},
    )
