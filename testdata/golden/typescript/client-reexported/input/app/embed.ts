import { Client } from "../lib/ai";
import AI from "../lib/default-client";
import { OpenAI as Star } from "../lib/star";

// No key: the SDK would read OPENAI_API_KEY, which is renamed elsewhere.
export const embed = new Client();
export const batch = new AI({ maxRetries: 2 });
export const star = new Star();
