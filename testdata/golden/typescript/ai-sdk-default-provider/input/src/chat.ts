import { openai } from "@ai-sdk/openai";
import { generateText } from "ai";

// The default provider reads OPENAI_API_KEY from the environment itself.
export const answer = (prompt: string) =>
  generateText({ model: openai("gpt-4o-mini"), prompt });
