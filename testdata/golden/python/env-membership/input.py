"""Key lookup for the CLI: environment first, then the user's config file."""
import os
from pathlib import Path

from openai import OpenAI

CONFIG = Path.home() / ".config" / "askcli" / "key"


def load_key() -> str:
    if "OPENAI_API_KEY" in os.environ:
        return os.environ["OPENAI_API_KEY"]
    if CONFIG.exists():
        os.environ.setdefault("OPENAI_API_KEY", CONFIG.read_text().strip())
    if "OPENAI_API_KEY" not in os.environ:
        raise SystemExit("set OPENAI_API_KEY")
    return os.environ["OPENAI_API_KEY"]


client = OpenAI(api_key=os.environ.get("OPENAI_API_KEY"))
