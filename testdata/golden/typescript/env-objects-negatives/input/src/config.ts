export const OPENAI_API_KEY = "";
