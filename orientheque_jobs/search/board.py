"""Public board search through the offer index: ranked, every word required (or its CNP group),
filters as index terms, matched words highlighted on the database's text."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape
from whoosh.highlight import ContextFragmenter, Formatter, WholeFragmenter, get_text, highlight
from whoosh.query import And, Or, Query, Term

from .analysis import french_analyzer
from .occupations import tokens, widen

MAX_TERMS = 8


@dataclass
class BoardHits:
    ids: list[int]  # this page's offer ids, best first
    total: int
    terms: frozenset[str]  # analysed query terms, for highlighting


def board_query(text: str) -> tuple[Query | None, frozenset[str]]:
    """Each word must be in the title, employer or description, or widen to the offer's CNP."""
    terms = tokens(text.replace("/", " "))[:MAX_TERMS]
    clauses = []
    for term in terms:
        alternatives = [
            Term("title", term, boost=2.0),
            Term("employer", term),
            Term("description", term),
        ]
        alternatives += [Term("noc", code, boost=0.5) for code in widen([term])]
        clauses.append(Or(alternatives))
    if not clauses:
        return None, frozenset()
    return (clauses[0] if len(clauses) == 1 else And(clauses)), frozenset(terms)


def board_filter(
    municipality: str | None = None,
    mrc: str | None = None,
    employment_type: int | None = None,
    schedule: int | None = None,
    category: int | None = None,
) -> Query | None:
    terms = []
    if municipality:
        terms.append(Term("municipality", municipality))
    elif mrc:
        terms.append(Term("mrc", mrc))
    if employment_type:
        terms.append(Term("employment_types", str(employment_type)))
    if schedule:
        terms.append(Term("schedules", str(schedule)))
    if category is not None:
        terms.append(Term("category", str(category)))
    return And(terms) if terms else None


def search_board(searcher, text: str, page: int, size: int, **filters) -> BoardHits:
    query, terms = board_query(text)
    if query is None:
        return BoardHits([], 0, terms)
    results = searcher.search_page(query, page, pagelen=size, filter=board_filter(**filters))
    if page > results.pagecount:  # past the end: search_page clamps, the board shows none
        return BoardHits([], results.total, terms)
    return BoardHits([int(hit["id"]) for hit in results], results.total, terms)


class _MarkFormatter(Formatter):
    """Escapes the text and wraps matched words in <mark>."""

    between = " … "

    def _text(self, text: str) -> str:
        return str(escape(text))

    def format_token(self, text, token, replace=False) -> str:
        return f"<mark>{escape(get_text(text, token, replace))}</mark>"


def highlighted(text: str | None, terms: frozenset[str], excerpt: bool = False) -> Markup | None:
    """`text` with the matched words marked; an excerpt around them when `excerpt`.

    None when nothing matched (the caller shows the text as usual).
    """
    if not text or not terms:
        return None
    fragmenter = ContextFragmenter(maxchars=220, surround=60) if excerpt else WholeFragmenter()
    marked = highlight(
        text, terms, french_analyzer(), fragmenter, _MarkFormatter(), top=2 if excerpt else 1
    )
    # Safe: _MarkFormatter escaped every piece of the text.
    return Markup(marked) if marked and "<mark>" in marked else None  # noqa: S704
