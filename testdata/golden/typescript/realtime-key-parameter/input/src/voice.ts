import WebSocket from "ws";

// The caller's key: it may be an OpenAI key, so the URL stays.
export function connect(apiKey: string) {
  return new WebSocket("wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview", {
    headers: { Authorization: `Bearer ${apiKey}`, "OpenAI-Beta": "realtime=v1" },
  });
}

// A browser socket sends its key in a subprotocol keyshift does not read.
export function browser(key: string) {
  return new WebSocket("wss://api.openai.com/v1/realtime", ["realtime", "openai-insecure-api-key." + key]);
}
