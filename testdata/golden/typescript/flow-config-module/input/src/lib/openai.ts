import OpenAI from "openai";
import { config } from "../config.js";

let cached: OpenAI | undefined;

export function getOpenAI(): OpenAI {
  cached ??= new OpenAI({ apiKey: config.openai.apiKey, maxRetries: 2 });
  return cached;
}
