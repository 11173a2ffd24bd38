from openai import OpenAI

from app.settings import API_KEY

# A BaseModel reads nothing from the environment: its field is no read of
# OPENAI_API_KEY, and the key and this client move together.
client = OpenAI(api_key=API_KEY)
