"""Maps a request path to the GenAI operation name and openai.api.type (SHIM_SPEC 1.8).

Suffix matching keeps "/v1" or a proxy's own prefix out of the decision.
"""

from __future__ import annotations

__all__ = ["OTHER", "endpoint_labels"]

OTHER = "_OTHER"

# Checked in this order: "/chat/completions" must win over "/completions".
_SUFFIXES = (
    ("/chat/completions", "chat", "chat_completions"),
    ("/responses", "chat", "responses"),
    ("/embeddings", "embeddings", None),
    ("/completions", "text_completion", None),
)


def endpoint_labels(path: str) -> tuple[str, str | None]:
    """(gen_ai.operation.name, openai.api.type or None) for a request path."""
    path = path.split("?", 1)[0].rstrip("/")
    for suffix, operation, api_type in _SUFFIXES:
        if path.endswith(suffix):
            return operation, api_type
    return OTHER, None
