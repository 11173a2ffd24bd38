import { json } from "@sveltejs/kit";
import { env } from "$env/dynamic/private";

const COMPLETIONS = "https://api.openai.com/v1/chat/completions";

export async function POST({ request }) {
  const { messages } = await request.json();
  const res = await fetch(COMPLETIONS, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${env.OPENAI_API_KEY}`,
    },
    body: JSON.stringify({ model: "gpt-4o-mini", messages }),
  });
  return json(await res.json());
}
