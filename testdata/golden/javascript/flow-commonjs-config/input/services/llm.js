const OpenAI = require("openai");
const config = require("../config");

const openai = new OpenAI({ apiKey: config.openai.apiKey });

async function summarize(text) {
  const res = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: `Summarize:\n${text}` }],
  });
  return res.choices[0].message.content;
}

module.exports = { summarize };
