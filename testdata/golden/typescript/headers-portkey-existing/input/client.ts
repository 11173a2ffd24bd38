import OpenAI from "openai";

// Its own headers: Portkey's join them.
export const openai = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  defaultHeaders: { "X-App": "web" },
});

// Already sends Portkey's header (another spelling): kept as it is.
export const routed = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  defaultHeaders: { "X-PORTKEY-PROVIDER": process.env.MY_PROVIDER },
});
