import OpenAI from "openai";

const KEY_VAR = "OPENAI_API_KEY";

export const chat = new OpenAI({ apiKey: process.env[KEY_VAR] });

// The moderation client stays on api.openai.com (regional endpoint): its
// key must stay the OpenAI one, and so must every read of KEY_VAR.
export const moderation = new OpenAI({
  apiKey: process.env[KEY_VAR],
  baseURL: "https://eu.api.openai.com/v1",
});
