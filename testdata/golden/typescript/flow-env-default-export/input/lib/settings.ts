const settings = {
  openai: { apiKey: process.env.OPENAI_API_KEY ?? "", model: "gpt-4o-mini" },
  logLevel: process.env.LOG_LEVEL ?? "info",
};

export default settings;
