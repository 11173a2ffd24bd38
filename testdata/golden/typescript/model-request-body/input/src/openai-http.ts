// Chat over fetch and axios: no SDK.
import axios from "axios";

const OPENAI_URL = "https://api.openai.com/v1/chat/completions";

export async function ask(question: string): Promise<string> {
  const res = await fetch(OPENAI_URL, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${process.env.OPENAI_API_KEY}`,
    },
    body: JSON.stringify({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: question }],
    }),
  });
  const data = await res.json();
  return data.choices[0].message.content;
}

export async function embed(input: string[]): Promise<number[][]> {
  const res = await axios.post(
    "https://api.openai.com/v1/embeddings",
    { model: "text-embedding-3-small", input },
    { headers: { Authorization: "Bearer " + process.env.OPENAI_API_KEY } },
  );
  return res.data.data.map((d: { embedding: number[] }) => d.embedding);
}

export async function askWith(apiKey: string, question: string, model: string) {
  // The caller's key stays with OpenAI: so do the URL and both names.
  const res = await fetch("https://api.openai.com/v1/chat/completions", {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: question }] }),
  });
  const again = await fetch("https://api.openai.com/v1/chat/completions", {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ model, messages: [] }),
  });
  return [await res.json(), await again.json()];
}
