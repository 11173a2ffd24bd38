import { OpenAI as OAI } from "openai";
import * as oa from "openai";
import Default, { OpenAI } from "openai";

export const first = new OAI();
export const second = new oa.OpenAI({ timeout: 5 });
export const third = new Default();
export const fourth = new OpenAI();
