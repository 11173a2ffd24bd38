import OpenAI from "openai";

export const viaGateway = new OpenAI({
  baseURL: "https://gateway.internal/v1",
  apiKey: process.env.GATEWAY_KEY,
});
export const viaProxy = new OpenAI({ baseURL: "https://llm-proxy.example/v1", apiKey: process.env.LLM_PROXY_KEY });
