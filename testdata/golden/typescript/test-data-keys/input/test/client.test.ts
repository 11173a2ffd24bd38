import OpenAI from "openai";
import { describe, expect, it } from "vitest";

const fixtureKey = "@@FAKE_OPENAI_KEY@@";

describe("client", () => {
  it("keeps the key it is given", () => {
    const client = new OpenAI({ apiKey: "@@FAKE_OPENAI_PROJECT_KEY@@", baseURL: "http://127.0.0.1:4010/v1" });
    expect(client.apiKey).toBeTruthy();
    expect(fixtureKey).toMatch(/^sk-/);
  });
});
