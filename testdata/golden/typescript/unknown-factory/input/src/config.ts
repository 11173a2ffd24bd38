export const config = {
  model: process.env.CHAT_MODEL ?? "gpt-4o-mini",
};
