"""Voice agent: the Realtime API over WebSocket, plus an EU-resident client."""
import os

import websockets
from openai import OpenAI

REALTIME_URL = "wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview"
EU_BASE = "https://eu.api.openai.com/v1"
LOOKALIKE = "https://notapi.openai.com.example/v1"

eu = OpenAI(base_url="https://eu.api.openai.com/v1", api_key=os.environ["OPENAI_EU_KEY"])


async def connect():
    headers = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}", "OpenAI-Beta": "realtime=v1"}
    return await websockets.connect(REALTIME_URL, additional_headers=headers)
