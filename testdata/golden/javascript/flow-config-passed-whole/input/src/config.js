// Runtime configuration, built once from the environment.
const config = {
  sentryDsn: process.env.SENTRY_DSN,
  openai: {
    apiKey: process.env.OPENAI_API_KEY,
    timeoutMs: 30000,
  },
};

module.exports = config;
