// A bare client: base URL and proxy key are added.
import OpenAI from "openai";

const client = new OpenAI();
const noParens = new OpenAI;
const emptyOptions = new OpenAI({});

export async function ask(question) {
  const reply = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
  });
  return reply.choices[0].message.content;
}
