export { OpenAI } from "./fake";
