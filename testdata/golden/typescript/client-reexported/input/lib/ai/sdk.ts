// One place to pin the SDK: the app imports its client class from here.
export { OpenAI } from "openai";
export { default as Client } from "openai";
