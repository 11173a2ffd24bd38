// Minimal REST calls, for the edge bundle where the SDK is too heavy.
const OPENAI_URL = "https://api.openai.com/v1";

export async function chat(messages: { role: string; content: string }[]) {
  const res = await fetch(`${OPENAI_URL}/chat/completions`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${process.env.OPENAI_API_KEY}`,
    },
    body: JSON.stringify({ model: "gpt-4o-mini", messages }),
  });
  if (!res.ok) throw new Error(`chat failed: ${res.status}`);
  return res.json();
}
