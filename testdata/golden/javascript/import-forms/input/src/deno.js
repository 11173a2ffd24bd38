import OpenAI from "npm:openai@4.52.0";

export const deno = new OpenAI({ apiKey: Deno.env.get("OPENAI_API_KEY") });
