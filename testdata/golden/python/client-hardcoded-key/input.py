from openai import OpenAI

client = OpenAI(
    api_key="@@FAKE_OPENAI_PROJECT_KEY@@",
    organization="org-demo",
)
