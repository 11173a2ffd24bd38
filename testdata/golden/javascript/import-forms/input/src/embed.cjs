const { OpenAI } = require("openai/index");

const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
module.exports = { embed: (input) => client.embeddings.create({ model: "text-embedding-3-small", input }) };
