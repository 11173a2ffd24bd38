const { OpenAI } = require("openai");
const { openai: openaiConfig } = require("../config/index.js");

const client = new OpenAI({ apiKey: openaiConfig.apiKey });

exports.embed = async (input) =>
  (await client.embeddings.create({ model: "text-embedding-3-small", input }))
    .data[0].embedding;
