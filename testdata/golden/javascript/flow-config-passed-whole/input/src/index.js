const OpenAI = require("openai");
const { startMonitoring } = require("@acme/monitoring");
const config = require("./config");

// The monitoring agent receives every setting, the key among them: it
// talks to OpenAI on its own, so that key must stay OpenAI's.
startMonitoring({ ...config, service: "summarizer" });

const openai = new OpenAI({ apiKey: config.openai.apiKey });

module.exports = { openai };
