const OpenAI = require("openai");
const { wrap } = require("keyshift-shim");

const wrapped = wrap(new OpenAI({ apiKey: process.env.OPENAI_API_KEY }));
const bare = new OpenAI();

module.exports = { wrapped, bare };
