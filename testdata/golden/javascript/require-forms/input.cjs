"use strict";
const OpenAI = require("openai");
const { OpenAI: Client } = require("openai");
const Direct = require("openai").OpenAI;

const a = new OpenAI();
const b = new Client({ timeout: 10 });
const c = new Direct({ apiKey: process.env.OPENAI_API_KEY });
const d = new OpenAI.OpenAI();

module.exports = { a, b, c, d };
