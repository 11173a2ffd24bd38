import OpenAI, { type ClientOptions } from "openai";

interface Settings {
  apiKey: string;
}

const options: ClientOptions = { timeout: 10_000 };

export const typed: OpenAI = new OpenAI();
export const asConst = new OpenAI({ maxRetries: 3 } as const);
export const nonNull = new OpenAI({ apiKey: process.env.OPENAI_API_KEY! });
export const satisfied = new OpenAI({
  timeout: 10_000,
} satisfies ClientOptions);
export const fromOptions = new OpenAI(options);

export function endpoint(path: string): string {
  return `https://api.openai.com/v1/${path}`;
}

export type { Settings };
