from openai import OpenAI as OAI
import openai as oa

first = OAI()
second = oa.AsyncOpenAI(base_url="https://api.openai.com/v1")
