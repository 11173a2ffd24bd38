import type { NextApiRequest, NextApiResponse } from "next";
import OpenAI from "openai";
import settings from "../../lib/settings";

const openai = new OpenAI({ apiKey: settings.openai.apiKey });

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const out = await openai.completions.create({
    model: "gpt-3.5-turbo-instruct",
    prompt: String(req.body.prompt),
  });
  res.status(200).json({ text: out.choices[0].text });
}
