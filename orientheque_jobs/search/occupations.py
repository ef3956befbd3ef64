"""CNP widening: the words of a job title point to the unit groups whose example titles use them.

"soudeur" is in 66 of the French example titles of CNP 72106 and in a few of four other groups:
it widens to 72106, so a search for "soudeur" also finds an offer coded 72106 whatever its
title. A word spread over many groups ("préposé", "opérateur") widens to nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..models.reference import NocExampleTitle, NocUnitGroup
from .analysis import french_analyzer

# A word widens to a group holding at least this share of the titles that use it, and this many.
MIN_SHARE = 0.4
MIN_TITLES = 3
MAX_CODES_PER_WORD = 2


def tokens(text: str | None) -> list[str]:
    """The analysed terms of a text (stemmed, accent-folded, no stop words), in order, unique."""
    if not text:
        return []
    return list(dict.fromkeys(token.text for token in french_analyzer()(text)))


def build_widening(titles: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """From (code, title) pairs: each analysed word → the codes it widens to, most titles first."""
    by_word: dict[str, Counter] = defaultdict(Counter)
    for code, title in titles:
        for word in tokens(title.replace("/", " ")):
            by_word[word][code] += 1
    widening = {}
    for word, counts in by_word.items():
        total = sum(counts.values())
        codes = tuple(
            code
            for code, n in counts.most_common(MAX_CODES_PER_WORD)
            if n >= MIN_TITLES and n / total >= MIN_SHARE
        )
        if codes:
            widening[word] = codes
    return widening


def widening() -> dict[str, tuple[str, ...]]:
    """The app's widening table, built once per process from the CNP reference tables."""
    table = current_app.extensions.get("oj_widening")
    if table is None:
        rows = db.session.execute(
            select(NocExampleTitle.code, NocExampleTitle.title).where(NocExampleTitle.lang == "fr")
        ).all()
        rows += db.session.execute(select(NocUnitGroup.code, NocUnitGroup.title_fr)).all()
        table = current_app.extensions["oj_widening"] = build_widening(rows)
    return table


def widen(words: Iterable[str]) -> list[str]:
    """CNP codes that the analysed `words` point to, in order of first appearance."""
    table = widening()
    return list(dict.fromkeys(code for word in words for code in table.get(word, ())))
