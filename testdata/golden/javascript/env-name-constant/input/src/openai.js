import OpenAI from "openai";

// The variable the key is read from, named once.
const KEY_NAME = "OPENAI_API_KEY";

export const client = new OpenAI({ apiKey: process.env[KEY_NAME] ?? "" });

export function keyIsSet() {
  return Boolean(process.env[KEY_NAME]);
}
