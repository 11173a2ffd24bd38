import openai


def ask(prompt):
    # openai<1.0: the base URL set beside the key elsewhere must be
    # `api_base` for this call, and that module may not even run first;
    # moving the key there would send the proxy's key to api.openai.com.
    return openai.ChatCompletion.create(
        model="gpt-4", messages=[{"role": "user", "content": prompt}]
    )
