import OpenAI from "openai";
import { useState } from "react";

const client = new OpenAI({ dangerouslyAllowBrowser: true });

type Props = { question: string };

export function Ask({ question }: Props) {
  const [answer, setAnswer] = useState<string>("");
  const run = async () => {
    const reply = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: question }],
    });
    setAnswer(reply.choices[0].message.content ?? "");
  };
  return (
    <div>
      <a href="https://api.openai.com/v1/models">models</a>
      <p>Talks to https://api.openai.com behind the scenes.</p>
      <Widget apiKey="@@FAKE_OPENAI_KEY@@" />
      <button onClick={run}>{answer || "ask"}</button>
    </div>
  );
}
