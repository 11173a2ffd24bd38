import OpenAI from "openai";

const OPENAI_KEY_VAR = "OPENAI_API_KEY" as const;

export function createClient(): OpenAI {
  const apiKey = import.meta.env[OPENAI_KEY_VAR];
  if (!apiKey) {
    throw new Error("the OpenAI key is not configured");
  }
  return new OpenAI({ apiKey, dangerouslyAllowBrowser: true });
}

export const serverClient = new OpenAI({
  apiKey: process.env[OPENAI_KEY_VAR] ?? "",
});
