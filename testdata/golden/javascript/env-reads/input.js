import OpenAI from "openai";

// The key variable is renamed in the same change as the new baseURL.
const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

const key = process.env["OPENAI_API_KEY"];
const fallback = process.env.OPENAI_API_KEY ?? "";
const url = process.env.OPENAI_BASE_URL;

if (!process.env.OPENAI_API_KEY) {
  throw new Error("set OPENAI_API_KEY");
}

export { client, key, fallback, url };
