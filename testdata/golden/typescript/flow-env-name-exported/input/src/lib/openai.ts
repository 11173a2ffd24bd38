import OpenAI from "openai";
import { OPENAI_KEY_VAR } from "../config";
import { env } from "./env";

export const openai = new OpenAI({ apiKey: env(OPENAI_KEY_VAR) });
