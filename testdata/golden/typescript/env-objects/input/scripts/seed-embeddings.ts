import OpenAI from "openai";

const env = process.env;
const { OPENAI_API_KEY: apiKey = "", DATABASE_URL } = process.env;

export async function seed(texts: string[]) {
  const client = new OpenAI({ apiKey });
  const check = new OpenAI({ apiKey: env?.OPENAI_API_KEY, timeout: 10_000 });
  await check.models.list();
  return client.embeddings.create({ model: "text-embedding-3-small", input: texts, user: DATABASE_URL });
}
