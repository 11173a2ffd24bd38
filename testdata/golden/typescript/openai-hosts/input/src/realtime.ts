import OpenAI from "openai";
import WebSocket from "ws";

export const eu = new OpenAI({ baseURL: "https://eu.api.openai.com/v1", apiKey: process.env.OPENAI_API_KEY });
export const US = "https://us.api.openai.com/v1/responses";
export const MTLS = "https://mtls.api.openai.com/v1";
export const notOpenAI = "https://notapi.openai.com.example/v1";
const HOST = "api.openai.com";
export const url = `https://${HOST}/v1/models`;
export function connect() {
  return new WebSocket("wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview", {
    headers: { Authorization: "Bearer " + process.env.OPENAI_API_KEY, "OpenAI-Beta": "realtime=v1" },
  });
}
