import openai


class LLMHelper:
    def __init__(self, config: dict):
        # Which key this is, keyshift cannot tell from here.
        self.client = openai.AsyncOpenAI(api_key=config["api_key"])
        self.config = config

    async def ask(self, prompt: str) -> str:
        response = await self.client.chat.completions.create(
            model=self.config["model"],
            messages=[{"role": "user", "content": prompt}],
        )
        return response.choices[0].message.content
