import OpenAI from "openai";
import { loadSecret } from "./vault.mjs";

// The SDK reads OPENAI_API_KEY when the client is built.
process.env.OPENAI_API_KEY = await loadSecret("openai");
process.env["OPENAI_API_KEY"] ??= "";

export const client = new OpenAI();

export function hasKey() {
  return Boolean(process.env.OPENAI_API_KEY);
}

export function forgetKey() {
  delete process.env.OPENAI_API_KEY;
}
