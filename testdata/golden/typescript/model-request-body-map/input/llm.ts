const BASE = "https://api.openai.com/v1";
const headers = {
  "Content-Type": "application/json",
  Authorization: `Bearer ${process.env.OPENAI_API_KEY}`,
};

export async function chat(content: string) {
  const payload = { model: "gpt-4o-mini", messages: [{ role: "user", content }] };
  const res = await fetch(`${BASE}/chat/completions`, {
    method: "POST",
    headers,
    body: JSON.stringify(payload),
  });
  return res.json();
}

export async function embed(input: string[]) {
  const res = await fetch(`${BASE}/embeddings`, {
    method: "POST",
    headers,
    body: JSON.stringify({ model: "text-embedding-3-small", input }),
  });
  return res.json();
}

export async function reason(content: string) {
  // Not in the map: reported, never guessed.
  const res = await fetch(`${BASE}/chat/completions`, {
    method: "POST",
    headers,
    body: JSON.stringify({ model: "o3-mini", messages: [{ role: "user", content }] }),
  });
  return res.json();
}
