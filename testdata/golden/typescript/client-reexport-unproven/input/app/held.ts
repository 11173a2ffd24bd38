import { OpenAI } from "../lib/vendor";

// Maybe the SDK's class: it would read OPENAI_API_KEY itself.
export const client = new OpenAI();
