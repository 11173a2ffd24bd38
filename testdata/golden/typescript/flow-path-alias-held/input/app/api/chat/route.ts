import OpenAI from "openai";
import { env } from "@/env";

// "@/env" is a tsconfig path alias: keyshift does not read tsconfig.json,
// so it cannot tell which module this is.
const openai = new OpenAI({ apiKey: env.OPENAI_API_KEY });

export async function POST(req: Request) {
  const { messages } = await req.json();
  const completion = await openai.chat.completions.create({
    model: env.MODEL,
    messages,
  });
  return Response.json(completion.choices[0].message);
}
