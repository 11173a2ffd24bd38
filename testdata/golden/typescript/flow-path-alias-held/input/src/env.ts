// Server-side settings, read once at start-up.
export const env = {
  OPENAI_API_KEY: process.env.OPENAI_API_KEY ?? "",
  MODEL: process.env.CHAT_MODEL ?? "gpt-4o-mini",
};
