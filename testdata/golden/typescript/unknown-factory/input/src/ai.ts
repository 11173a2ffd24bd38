import { createProvider } from "@acme/llm-kit";
import { generateText } from "ai";
import { config } from "./config";

// A vendored provider factory: keyshift does not know its options.
const openai = createProvider({ apiKey: process.env.OPENAI_API_KEY, compatibility: "strict" });

export async function summarize(text: string) {
  const { text: summary } = await generateText({
    model: openai(config.model),
    prompt: `Summarize:\n${text}`,
  });
  return summary;
}
