// A CommonJS service module: the shim is required the way the file
// requires everything else.
"use strict";
const path = require("path");
const OpenAI = require("openai");

function makeClient() {
  return new OpenAI({ apiKey: process.env.OPENAI_API_KEY, timeout: 20_000 });
}

module.exports = { makeClient, root: path.resolve(__dirname) };
