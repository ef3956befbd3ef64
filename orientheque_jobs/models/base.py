"""Helpers shared by the models."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC timestamp: every stored time is UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def fold(text: str | None) -> str:
    """Lower-case, accent-free form of a text, for accent-insensitive lookups."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
