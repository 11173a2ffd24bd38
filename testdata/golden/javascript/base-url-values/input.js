import OpenAI from "openai";

// Values that mean "OpenAI itself" become the proxy URL, with the key.
export const fromEnv = new OpenAI({
  baseURL: process.env.OPENAI_BASE_URL,
  apiKey: process.env.OPENAI_API_KEY,
});
export const withFallback = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1" });
export const sdkDefault = new OpenAI({ baseURL: undefined });
export const literal = new OpenAI({ baseURL: "https://api.openai.com/v1", timeout: 5 });
export const bareHost = new OpenAI({ baseURL: 'https://api.openai.com' });
