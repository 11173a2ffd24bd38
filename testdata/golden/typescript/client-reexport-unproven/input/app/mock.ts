import { OpenAI } from "../lib/fakes";

export const mock = new OpenAI({ apiKey: "test" });
