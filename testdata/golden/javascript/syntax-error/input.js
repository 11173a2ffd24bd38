import OpenAI from "openai";

const good = new OpenAI();

function broken( {
  const bad = new OpenAI({ timeout: 1 });
  return bad;

const key = process.env.OPENAI_API_KEY;
