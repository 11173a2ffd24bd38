export const settings = {
  openai: { apiKey: process.env.OPENAI_API_KEY ?? "" },
};
