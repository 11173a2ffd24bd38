// The app's own wrapper, named like the SDK: not the SDK's class.
export class OpenAI {
  constructor(options = {}) {
    this.options = options;
  }
}
