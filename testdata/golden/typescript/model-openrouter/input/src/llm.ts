import OpenAI from "openai";

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, maxRetries: 2 });
const DEFAULT_MODEL = process.env.CHAT_MODEL ?? "gpt-4o";

export async function summarize(text: string): Promise<string> {
  const reply = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: `Summarize: ${text}` }],
  });
  return reply.choices[0].message.content ?? "";
}

export async function embed(texts: string[]): Promise<number[][]> {
  const res = await openai.embeddings.create({ model: 'text-embedding-3-small', input: texts });
  return res.data.map((d) => d.embedding);
}

export async function chat(messages: OpenAI.ChatCompletionMessageParam[], tier: string) {
  const a = await openai.chat.completions.create({ model: "openai/gpt-4o", messages });
  const b = await openai.chat.completions.create({ model: DEFAULT_MODEL, messages });
  const c = await openai.chat.completions.create({ model: `gpt-4o-${tier}`, messages });
  return [a, b, c];
}

export async function ask(client: OpenAI, question: string): Promise<string> {
  // A client passed in: keyshift cannot tell whether it moves.
  const reply = await client.chat.completions.create({
    model: "gpt-4o",
    messages: [{ role: "user", content: question }],
  });
  return reply.choices[0].message.content ?? "";
}
