import OpenAI from "openai";

// Multi-line with a trailing comma: whole lines are added.
export const trailing = new OpenAI({
  timeout: 30_000,
  maxRetries: 2,
});

// Multi-line without a trailing comma.
export const noTrailing = new OpenAI({
  timeout: 30_000
});

// A comment after the last property stays with it.
export const commented = new OpenAI({
  organization: "org-123", // billing
});

// One line.
export const oneLine = new OpenAI({ timeout: 30_000, maxRetries: 2 });
