"""Helpers shared by the models."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC timestamp: every stored time is UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


# Letters and signs people type either way, which Unicode decomposition leaves alone.
_SPELLINGS = str.maketrans({"œ": "oe", "æ": "ae", "’": "'", "‘": "'"})


def fold(text: str | None) -> str:
    """Lower-case, accent-free form of a text (œ as oe, ’ as '), for accent-insensitive lookups."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPELLINGS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
