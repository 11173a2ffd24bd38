const COMPLETIONS = "https://api.openai.com/v1/chat/completions";
const models = (id) => `https://api.openai.com/v1/models/${id}`;
const host = 'https://api.openai.com';
const http = "http://api.openai.com/v1/embeddings";

// Prose and look-alikes are left alone.
const doc = "We used to call https://api.openai.com directly";
const other = "https://api.openai.company.example/v1";
const later = `see ${host} or https://api.openai.com/v1`;

export async function complete(body) {
  return fetch(`https://api.openai.com/v1/responses`, {
    method: "POST",
    body: JSON.stringify(body),
  });
}

export { COMPLETIONS, models, http, doc, other, later };
