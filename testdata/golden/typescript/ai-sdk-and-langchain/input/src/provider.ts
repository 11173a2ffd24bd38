import { createOpenAI } from "@ai-sdk/openai";

// One provider for the whole app (Vercel AI SDK).
export const openai = createOpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  compatibility: "strict",
});
