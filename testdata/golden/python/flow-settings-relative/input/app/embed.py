import openai

import app.config as cfg

embed = openai.OpenAI(api_key=cfg.API_KEY)
