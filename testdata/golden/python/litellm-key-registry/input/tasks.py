from litellm import completion

import registry


def summarize(text):
    # An OpenAI model through LiteLLM, with the key the registry holds:
    # renaming the read in main.py would send the proxy's key to OpenAI.
    return completion(model="gpt-4o-mini", api_key=registry.get_key("openai"),
                      messages=[{"role": "user", "content": text}])
