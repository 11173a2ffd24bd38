"""The key comes from the caller: keyshift cannot tell whose it is."""
import websockets


async def connect(api_key: str):
    return await websockets.connect(
        "wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview",
        additional_headers={"Authorization": f"Bearer {api_key}"},
    )
