// Bundlers that resolve the package's files by hand import its entry point.
import OpenAI from "openai/index.mjs";

export const chat = new OpenAI({ timeout: 30_000 });
