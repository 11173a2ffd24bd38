"""Case-insensitive header lookup over whatever header object a client hands us.

httpx.Headers, plain dicts, lists of (name, value) pairs and requests'
CaseInsensitiveDict all reach the classifier; duck typing keeps the shim free
of any HTTP library dependency.
"""

from __future__ import annotations

from typing import Any

__all__ = ["get_header"]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if isinstance(value, (list, tuple)):
        # Repeated headers: the first occurrence wins, as in the SDKs.
        return _text(value[0]) if value else None
    return str(value)


def get_header(headers: Any, name: str) -> str | None:
    """The value of header `name` (lower-case), or None."""
    if headers is None:
        return None
    getter = getattr(headers, "get", None)
    if getter is not None:
        try:
            value = getter(name)
        except Exception:  # noqa: BLE001 - foreign mapping types may raise anything
            value = None
        if value is not None:
            return _text(value)
        items = getattr(headers, "items", None)
        if items is None:
            return None
        try:
            pairs = list(items())
        except Exception:  # noqa: BLE001
            return None
    else:
        try:
            pairs = list(headers)
        except TypeError:
            return None
    for pair in pairs:
        try:
            key, value = pair
        except (TypeError, ValueError):
            continue
        if isinstance(key, bytes):
            key = key.decode("latin-1")
        if isinstance(key, str) and key.lower() == name:
            return _text(value)
    return None
