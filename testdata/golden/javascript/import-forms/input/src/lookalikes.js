// Not the SDK: a package whose name starts the same, and a local module.
import OpenAI from "openai-index";
import { OpenAI as Local } from "./openai/index.js";

export const other = new OpenAI();
export const local = new Local();
