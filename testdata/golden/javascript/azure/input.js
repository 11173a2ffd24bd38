import { AzureOpenAI } from "openai";

export const azure = new AzureOpenAI({
  endpoint: "https://example.openai.azure.com",
  apiVersion: "2024-10-21",
  deployment: "gpt-4o",
});
