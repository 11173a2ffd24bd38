import OpenAI from "openai";

// apiKey twice: the last one wins at run time.
export const twice = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, apiKey: getKey() });

// The base URL comes from a constant and the key from a call: the constant
// must not move to the proxy on its own.
const BASE = "https://api.openai.com/v1";
export const fromConstant = new OpenAI({ baseURL: BASE, apiKey: getKey() });
