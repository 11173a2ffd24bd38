import { env } from "$env/dynamic/private";

// The admin dashboard asks whatever host it is given: the key read here
// cannot be renamed, so the OPENAI_API_KEY flow stays on OpenAI everywhere.
export async function usage(host: string) {
  const res = await fetch(`${host}/v1/organization/usage/completions`, {
    headers: { Authorization: `Bearer ${env.OPENAI_API_KEY}` },
  });
  return res.json();
}
