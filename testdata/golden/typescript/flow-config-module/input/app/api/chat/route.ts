import { getOpenAI } from "../../../src/lib/openai";

export async function POST(req: Request) {
  const { prompt } = await req.json();
  const res = await getOpenAI().responses.create({
    model: "gpt-4o-mini",
    input: prompt,
  });
  return Response.json({ text: res.output_text });
}
