import OpenAI from "openai";

// One variable is one flow: the realtime socket keeps OPENAI_API_KEY on
// OpenAI, so this client is held back with it.
export const chat = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
