import OpenAI from "openai";
import { env } from "../src/env";
import { regionalEndpoint } from "./regions";

// Batch jobs go to the region's endpoint, which keyshift cannot see.
const batchClient = new OpenAI({
  apiKey: env.OPENAI_API_KEY,
  baseURL: regionalEndpoint(env.REGION),
});

export async function submit(fileId: string) {
  return batchClient.batches.create({
    input_file_id: fileId,
    endpoint: "/v1/chat/completions",
    completion_window: "24h",
  });
}
