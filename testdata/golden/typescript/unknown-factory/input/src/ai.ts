import { createOpenAI } from "@ai-sdk/openai";
import { generateText } from "ai";
import { config } from "./config";

// The AI SDK's provider factory: keyshift does not rewrite its options.
const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY, compatibility: "strict" });

export async function summarize(text: string) {
  const { text: summary } = await generateText({
    model: openai(config.model),
    prompt: `Summarize:\n${text}`,
  });
  return summary;
}
