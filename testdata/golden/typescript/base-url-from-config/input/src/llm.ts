import OpenAI from "openai";
import { config } from "./config";

// The URL comes from the config object: it may well be OpenAI's.
export const client = new OpenAI({
  baseURL: config.chatUrl,
  apiKey: process.env.OPENAI_API_KEY,
  timeout: config.timeoutMs,
});

// This one already sends the proxy key: wherever it points, it is proxied.
export const gateway = new OpenAI({ baseURL: config.chatUrl, apiKey: process.env.LLM_PROXY_KEY });

export async function ask(question: string): Promise<string> {
  const reply = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
  });
  return reply.choices[0].message.content ?? "";
}
