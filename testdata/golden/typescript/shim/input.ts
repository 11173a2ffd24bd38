import { OpenAI } from "openai";
import type { Logger } from "./log";

export function makeClient(log: Logger): OpenAI {
  log.info("creating client");
  return new OpenAI({
    apiKey: process.env.OPENAI_API_KEY,
  });
}
