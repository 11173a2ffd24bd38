import OpenAI from "openai";
import { settings } from "../../../lib";

const openai = new OpenAI({ apiKey: settings.openai.apiKey });

export async function POST(req: Request) {
  const { text } = await req.json();
  const r = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: text }],
  });
  return Response.json({ summary: r.choices[0].message.content });
}
