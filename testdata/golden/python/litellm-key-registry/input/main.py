"""Entry point: registers the provider keys the tasks use."""
import os

import registry

registry.add_key("openai", os.environ["OPENAI_API_KEY"])
