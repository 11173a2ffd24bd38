import OpenAI from "openai";
import { requireEnv } from "./check-env.js";

const KEY_NAME = "OPENAI_API_KEY";

// requireEnv reads the variable by this name too: keyshift does not follow it.
requireEnv(KEY_NAME);

export const client = new OpenAI({ apiKey: process.env[KEY_NAME] });
