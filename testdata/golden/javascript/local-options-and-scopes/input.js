import OpenAI from "openai";

// Settings read the way Vite, Deno and Node apps do.
const { OPENAI_API_KEY, PORT = "8080" } = process.env;
const viteKey = import.meta.env.OPENAI_API_KEY;
const denoKey = Deno.env.get("OPENAI_API_KEY");
const templated = process.env[`OPENAI_API_KEY`];

export function makeClient() {
  const options = {
    timeout: 30_000, // ms
  };
  return new OpenAI(options);
}

// A factory handed its own constructor: not the SDK's, in this function only.
export function withClass(OpenAI) {
  return new OpenAI();
}

export const shared = new OpenAI({
  maxRetries: 2 // the SDK default is 2 as well
});

export const dynamic = new (require("openai").default)();

export { PORT, viteKey, denoKey, templated, OPENAI_API_KEY };
