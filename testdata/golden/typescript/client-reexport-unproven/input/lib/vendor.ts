// Resolved by a tsconfig path alias keyshift does not read.
export { OpenAI } from "@/vendor/openai";
