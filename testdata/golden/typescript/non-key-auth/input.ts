import OpenAI from "openai";
import { cloudProvider } from "./auth";

// EU data residency: requests must stay in the region.
export const eu = new OpenAI({ dataResidency: "eu" });

// Credentials come from the platform, not an API key.
export const platform = new OpenAI({ provider: cloudProvider() });

export function tokenRequest(audience = "https://api.openai.com/v1") {
  return { audience, grant_type: "urn:ietf:params:oauth:grant-type:token-exchange" };
}
