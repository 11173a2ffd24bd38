from openai import OpenAI

from app import config
from app.config import OPENAI_KEY_ENV, env

client = OpenAI(api_key=config.OPENAI_KEY)


def key_configured() -> bool:
    # The same name through a helper keyshift does not follow.
    return bool(env(OPENAI_KEY_ENV))
