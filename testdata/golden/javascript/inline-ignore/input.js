import OpenAI from "openai";

// keyshift: ignore
const legacy = new OpenAI();
const key = process.env.OPENAI_API_KEY; // keyshift: ignore[javascript.env-key-ref]
const other = process.env.OPENAI_API_KEY; // keyshift: ignore[javascript.endpoint-literal]

export { legacy, key, other };
