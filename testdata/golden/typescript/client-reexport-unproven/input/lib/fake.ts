// A test double with the SDK's name: not the SDK.
export class OpenAI {
  constructor(readonly opts: { apiKey?: string } = {}) {}
}
