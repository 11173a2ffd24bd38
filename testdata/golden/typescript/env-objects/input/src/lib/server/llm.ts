// SvelteKit: the key comes from the build-time private environment.
import OpenAI from "openai";
import { OPENAI_API_KEY } from "$env/static/private";

export const llm = new OpenAI({ apiKey: OPENAI_API_KEY, maxRetries: 2 });
