"""A small per-process cache of rendered pages, keyed so that it is never stale."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import current_app


class PageCache:
    """Least-recently-used pages; the caller puts in the key everything the page depends on."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[Hashable, str] = OrderedDict()

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> str:
        page = self._pages.get(key)
        if page is not None:
            self._pages.move_to_end(key)
            return page
        page = render()
        self._pages[key] = page
        if len(self._pages) > self.size:
            self._pages.popitem(last=False)
        return page


def page_cache() -> PageCache:
    return current_app.extensions.setdefault(
        "oj_page_cache", PageCache(current_app.config["OJ_PAGE_CACHE_SIZE"])
    )
