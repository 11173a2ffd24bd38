// Application settings, one place for every environment variable.
const openaiKey = process.env.OPENAI_API_KEY ?? "";

export const config = {
  port: Number(process.env.PORT ?? 3000),
  openai: {
    apiKey: openaiKey,
    model: "gpt-4o-mini",
  },
} as const;
