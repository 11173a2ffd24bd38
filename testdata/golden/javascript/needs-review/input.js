import OpenAI from "openai";

const opts = { timeout: 5 };
export const spread = new OpenAI({ ...opts, maxRetries: 1 });
export const fromVariable = new OpenAI(opts);
export const fromCall = new OpenAI({ apiKey: loadKey() });
export const otherEnv = new OpenAI({ apiKey: process.env.MY_OTHER_KEY });
export const shorthand = (apiKey) => new OpenAI({ apiKey });
export const unknownKeyWithOpenAiUrl = new OpenAI({
  baseURL: "https://api.openai.com/v1",
  apiKey: loadKey(),
});
