"""Reading the indexes: one open searcher per index and thread, refreshed when a writer commits.

Opening a Whoosh index reads its segment list and every segment's term info, so web workers keep
a searcher and only check that it is up to date (a directory listing) before each use. Facts
derived from a searcher's stored fields (matching constraints) are cached with it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from .index import ManagedIndex

T = TypeVar("T")
_local = threading.local()


class _Entry:
    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.facts = None


def _entries() -> dict[str, _Entry]:
    if not hasattr(_local, "entries"):
        _local.entries = {}
    return _local.entries


def _current(searcher) -> bool:
    try:
        return searcher.up_to_date()
    except Exception:  # noqa: BLE001 (its files are gone: reopen)
        return False


def searcher(index: ManagedIndex):
    """An up-to-date searcher of `index`; IndexUnavailable when it is missing or damaged."""
    key = str(index.directory)
    entries = _entries()
    entry = entries.get(key)
    if entry is not None:
        if _current(entry.searcher) and index.last_applied_sequence() is not None:
            return entry.searcher
        entries.pop(key, None)
        entry.searcher.close()
    fresh = index.searcher()
    entries[key] = _Entry(fresh)
    return fresh


def cached_facts(searcher, build: Callable[[], T]) -> T:
    """`build()` once per searcher (that is, per committed index generation)."""
    for entry in _entries().values():
        if entry.searcher is searcher:
            if entry.facts is None:
                entry.facts = build()
            return entry.facts
    return build()


def forget() -> None:
    """Close this thread's searchers (tests that remove index folders)."""
    for entry in _entries().values():
        entry.searcher.close()
    _entries().clear()
