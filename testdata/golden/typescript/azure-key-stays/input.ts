// Two backends: Azure for the EU tenant, OpenAI for the rest. Renaming the
// key read the Azure client takes would hand the proxy key to Azure.
import OpenAI, { AzureOpenAI } from "openai";

export const eu = new AzureOpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  endpoint: "https://contoso-eu.openai.azure.com",
  apiVersion: "2024-06-01",
});
export const fallback = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
