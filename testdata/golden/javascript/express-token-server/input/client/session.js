// The browser talks to OpenAI with the ephemeral key the server minted.
export async function connect(ephemeralKey, offer) {
  const baseUrl = "https://api.openai.com/v1/realtime";
  return fetch(`${baseUrl}?model=gpt-4o-realtime-preview`, {
    method: "POST",
    body: offer,
    headers: { Authorization: `Bearer ${ephemeralKey}` },
  });
}
