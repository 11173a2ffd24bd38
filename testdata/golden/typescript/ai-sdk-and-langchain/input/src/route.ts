import { streamText } from "ai";
import { openai } from "./provider";

export async function POST(req: Request) {
  const { messages } = await req.json();
  return streamText({ model: openai("gpt-4o-mini"), messages }).toDataStreamResponse();
}
