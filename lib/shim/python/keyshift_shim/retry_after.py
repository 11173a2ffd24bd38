"""Retry-After parsing with one strict grammar for all three ports (SHIM_SPEC 1.4).

Order: retry-after-ms (decimal ms), retry-after (decimal seconds), retry-after
as an IMF-fixdate against the injected wall clock. Lenient parsers (JS
parseFloat, Python float) would accept "1e3" or "inf" and make the ports differ.
"""

from __future__ import annotations

import email.utils
import math
import re
from dataclasses import dataclass
from typing import Any

from .headers import get_header

__all__ = [
    "DEFAULT_MAX_RETRY_AFTER_MS",
    "RetryAfter",
    "parse_decimal_ms",
    "parse_http_date_ms",
    "parse_retry_after",
]

DEFAULT_MAX_RETRY_AFTER_MS = 120_000

_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_IMF_FIXDATE = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), ([0-9]{2}) "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([0-9]{4}) "
    r"([0-9]{2}):([0-9]{2}):([0-9]{2}) GMT"
)
_DAYS_IN_MONTH = {
    "Jan": 31, "Feb": 29, "Mar": 31, "Apr": 30, "May": 31, "Jun": 30,
    "Jul": 31, "Aug": 31, "Sep": 30, "Oct": 31, "Nov": 30, "Dec": 31,
}  # fmt: skip


@dataclass(frozen=True)
class RetryAfter:
    """kind is "none" (use backoff), "delay" (wait ms exactly) or "too_long" (give up)."""

    kind: str
    ms: int = 0


RETRY_AFTER_NONE = RetryAfter("none")


def parse_decimal_ms(text: str | None, unit_ms: int) -> int | None:
    """floor(value * unit) for ^[0-9]+(\\.[0-9]+)?$ after trimming spaces and tabs."""
    if text is None:
        return None
    trimmed = text.strip(" \t")
    if not _DECIMAL.fullmatch(trimmed):
        return None
    # Double arithmetic on purpose: JS has nothing else, and C++ uses strtod.
    # A value too large for a double is +inf, which is over any cap.
    value = float(trimmed) * unit_ms
    return math.floor(value) if math.isfinite(value) else value  # type: ignore[return-value]


def parse_http_date_ms(text: str | None) -> int | None:
    """Unix ms of an IMF-fixdate (RFC 9110 5.6.7), or None for any other form."""
    if text is None:
        return None
    trimmed = text.strip(" \t")
    match = _IMF_FIXDATE.fullmatch(trimmed)
    if match is None:
        return None
    day, month = int(match.group(2)), match.group(3)
    hour, minute, second = int(match.group(5)), int(match.group(6)), int(match.group(7))
    if not 1 <= day <= _DAYS_IN_MONTH[month] or hour > 23 or minute > 59 or second > 60:
        return None
    parsed = email.utils.parsedate_tz(trimmed)
    if parsed is None:
        return None
    return email.utils.mktime_tz(parsed) * 1000


def parse_retry_after(
    headers: Any,
    now_unix_ms: int | None = None,
    max_retry_after_ms: int = DEFAULT_MAX_RETRY_AFTER_MS,
    wall_clock: Any = None,
) -> RetryAfter:
    """Apply SHIM_SPEC 1.4 to a response's headers.

    The first header that parses decides; a value <= 0 means "use backoff" and
    a value above the cap means "give up". The wall clock is read only when an
    HTTP-date is present.
    """
    value = parse_decimal_ms(get_header(headers, "retry-after-ms"), 1)
    if value is None:
        raw = get_header(headers, "retry-after")
        value = parse_decimal_ms(raw, 1000)
        if value is None:
            date_ms = parse_http_date_ms(raw)
            if date_ms is None:
                return RETRY_AFTER_NONE
            if now_unix_ms is None:
                if wall_clock is None:
                    return RETRY_AFTER_NONE
                now_unix_ms = wall_clock.now_unix_ms()
            value = date_ms - now_unix_ms
    if value <= 0:
        return RETRY_AFTER_NONE
    if value > max_retry_after_ms:
        return RetryAfter("too_long", value)
    return RetryAfter("delay", value)
