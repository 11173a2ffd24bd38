import logging
import os

from dotenv import load_dotenv

from llm_helper import LLMHelper


def main():
    load_dotenv()
    missing = [v for v in ("TELEGRAM_BOT_TOKEN", "OPENAI_API_KEY") if v not in os.environ]
    if missing:
        logging.error("missing: %s", missing)
        raise SystemExit(1)
    if not os.environ.get("OPENAI_API_KEY"):
        raise SystemExit("empty key")

    # The key travels inside a config dict to a helper class.
    llm_config = {
        "api_key": os.environ["OPENAI_API_KEY"],
        "model": os.environ.get("OPENAI_MODEL", "gpt-4o"),
        "max_tokens": 1200,
    }
    helper = LLMHelper(config=llm_config)
    helper.run()


if __name__ == "__main__":
    main()
