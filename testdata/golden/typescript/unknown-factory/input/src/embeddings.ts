import OpenAI from "openai";

export const embeddings = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
