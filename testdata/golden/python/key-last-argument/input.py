from openai import OpenAI

only_key = OpenAI(api_key="@@FAKE_OPENAI_PROJECT_KEY@@")
f_key = OpenAI(api_key=f"@@FAKE_OPENAI_KEY@@")
