import OpenAI from "openai";
import { wrap } from "./text.mjs";

export const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
export const proxied = new OpenAI({ baseURL: "https://gateway.internal/v1", apiKey: process.env.GATEWAY_KEY });
export const label = wrap("hello");
