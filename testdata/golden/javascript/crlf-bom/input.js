import OpenAI from "openai";

const client = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
});
const url = "https://api.openai.com/v1/models";

export { client, url };
