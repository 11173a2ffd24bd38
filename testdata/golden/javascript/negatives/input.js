import { OpenAI as Mine } from "./my-openai.js";
import { OpenAI } from "@other/sdk";

class LocalClient {}
const a = new Mine();
const b = new OpenAI();
const c = new LocalClient();

// const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
/* new OpenAI() against https://api.openai.com/v1 */
const help = "construct new OpenAI() and set OPENAI_API_KEY";

function build(OpenAI) {
  return new OpenAI();
}

function readEnv(process) {
  return process.env.OPENAI_API_KEY;
}

export { a, b, c, help, build, readEnv };
