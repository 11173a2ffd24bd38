import { OpenAI } from "../lib/ai/sdk";

// The key passed here moves with the client.
export const chat = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
