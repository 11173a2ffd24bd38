// Names of the environment variables the app reads.
export const OPENAI_KEY_VAR = "OPENAI_API_KEY";
export const PORT_VAR = "PORT";
