"use client";

export const Banner = () => <strong>proxied</strong>;

export function makeClient() {
  const { OpenAI } = require("openai");
  return new OpenAI();
}
