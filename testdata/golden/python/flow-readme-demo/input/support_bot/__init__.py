"""support-bot: answers support tickets with an LLM."""
