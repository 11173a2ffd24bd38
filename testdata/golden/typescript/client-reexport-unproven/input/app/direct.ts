import OpenAI from "openai";

export const direct = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
