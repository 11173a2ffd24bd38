import logging

from openai import OpenAI

from shop import settings

log = logging.getLogger(__name__)
client = OpenAI(api_key=settings.OPENAI_API_KEY)


def answer(q):
    # The model name is also compared here: renaming its value would
    # change what this branch sees, so keyshift leaves it to a person.
    if settings.MODEL == "gpt-4o-mini":
        log.info("using the small model")
    return client.chat.completions.create(model=settings.MODEL, messages=[q])
