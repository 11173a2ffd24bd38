import OpenAI from "openai";

const client = new OpenAI({
  apiKey: "@@FAKE_OPENAI_PROJECT_KEY@@",
});

const BACKUP_KEY = "@@FAKE_OPENAI_KEY@@";
const template = `@@FAKE_OPENAI_KEY@@`;
const placeholder = "sk-your-key-here";

export { client, BACKUP_KEY, template, placeholder };
