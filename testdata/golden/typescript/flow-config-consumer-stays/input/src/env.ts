export const env = {
  OPENAI_API_KEY: process.env.OPENAI_API_KEY!,
  REGION: process.env.REGION ?? "us",
};
