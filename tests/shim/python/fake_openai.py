"""Duck-typed stand-ins for openai-python's OpenAI and AsyncOpenAI clients.

They have the same shape where the shim looks (resources, create methods,
base_url, with_options, status errors carrying status_code / response.headers /
body) and play a scripted list of results and exceptions.
"""

from __future__ import annotations

import random
import string
from types import SimpleNamespace
from typing import Any


def fake_api_key() -> str:
    # Built at run time so no key-shaped literal sits in the repository.
    alphabet = string.ascii_letters + string.digits
    return "sk-" + "proj-" + "".join(random.choice(alphabet) for _ in range(40))


class APIStatusError(Exception):
    def __init__(self, status: int, headers: dict | None = None, body: Any = None) -> None:
        super().__init__(f"status {status}")
        self.status_code = status
        self.response = SimpleNamespace(status_code=status, headers=headers or {})
        self.body = body


class APIConnectionError(Exception):
    pass


class APITimeoutError(APIConnectionError):
    pass


def completion(model: str = "gpt-4o-mini-2024-07-18", prompt: int = 12, completion_tokens: int = 5) -> Any:
    total = prompt + completion_tokens
    usage = SimpleNamespace(prompt_tokens=prompt, completion_tokens=completion_tokens, total_tokens=total)
    return SimpleNamespace(id="chatcmpl-1", model=model, usage=usage)


class Script:
    """Results in order; an exception instance is raised instead of returned."""

    def __init__(self, items: list[Any]) -> None:
        self.items = list(items)
        self.calls: list[tuple[str, dict]] = []

    def next(self, endpoint: str, kwargs: dict) -> Any:
        self.calls.append((endpoint, kwargs))
        if not self.items:
            raise AssertionError(f"fake upstream: unexpected call to {endpoint}")
        item = self.items.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item


class _Endpoint:
    def __init__(self, script: Script, name: str) -> None:
        self._script = script
        self._name = name

    def create(self, **kwargs: Any) -> Any:
        return self._script.next(self._name, kwargs)


class _AsyncEndpoint(_Endpoint):
    async def create(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return self._script.next(self._name, kwargs)


class FakeOpenAI:
    endpoint_class = _Endpoint

    def __init__(self, script: Script, base_url: str = "https://api.example.test/v1", max_retries: int = 2) -> None:
        self.script = script
        self.base_url = base_url
        self.max_retries = max_retries
        self.api_key = fake_api_key()
        self.with_options_calls: list[dict] = []
        make = self.endpoint_class
        self.chat = SimpleNamespace(completions=make(script, "/chat/completions"))
        self.embeddings = make(script, "/embeddings")
        self.responses = make(script, "/responses")
        self.closed = False

    def with_options(self, **options: Any) -> "FakeOpenAI":
        self.with_options_calls.append(options)
        base_url = options.get("base_url", self.base_url)
        clone = type(self)(self.script, base_url, options.get("max_retries", self.max_retries))
        clone.api_key = self.api_key
        clone.with_options_calls = self.with_options_calls
        return clone

    def close(self) -> None:
        self.closed = True


class AsyncFakeOpenAI(FakeOpenAI):
    endpoint_class = _AsyncEndpoint
