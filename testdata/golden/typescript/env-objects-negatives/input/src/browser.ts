import OpenAI from "openai";
import { OPENAI_API_KEY as configuredKey } from "./config";

// Vite bundles VITE_* variables into browser code: not the proxy key.
export const browser = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_API_KEY, dangerouslyAllowBrowser: true });

// A module of the application, not SvelteKit's environment.
export const fromConfig = new OpenAI({ apiKey: configuredKey });

// An env object handed in by the caller (a Worker's bindings): unknown.
export function forWorker(env: Record<string, string>) {
  return new OpenAI({ apiKey: env?.OPENAI_API_KEY });
}

// `let` may be reassigned: not an alias of process.env.
let vars = process.env;
export const late = new OpenAI({ apiKey: vars.OPENAI_API_KEY });
