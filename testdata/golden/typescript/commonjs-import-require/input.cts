import OpenAI = require("openai");

class Cache<T> {
  private items = new Map<string, T>();
}

export const client = new OpenAI({ apiKey: process.env["OPENAI_API_KEY"] });
export const cache = new Cache<string>();
