export function health() {
  return { openai: Boolean(process.env.OPENAI_API_KEY) };
}
