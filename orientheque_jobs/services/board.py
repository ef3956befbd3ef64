"""The public job board: criteria from the query string, search, pagination.

Keywords go through the offer index (ranked, highlighted, CNP-widened); without keywords, or
while the index is being rebuilt, the database lists visible offers newest first.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from datetime import date

from flask import current_app, has_app_context
from markupsafe import Markup
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, joinedload
from werkzeug.datastructures import MultiDict

from ..extensions import db
from ..models import Employer, EmploymentType, Municipality, Offer, Schedule, fold
from ..search import IndexUnavailable, OfferIndex
from ..search.board import highlighted, search_board
from ..search.readers import searcher
from .clock import local_today
from .offers import visible_offers
from .reference import BROAD_CATEGORIES, mrc_choices

MAX_QUERY_WORDS = 8


def _int_in(value: str | None, allowed) -> int | None:
    return int(value) if value and value.isdigit() and int(value) in allowed else None


@dataclass
class BoardCriteria:
    """What a visitor asked for; garbage in the query string is dropped, never an error."""

    q: str = ""
    mrc: str | None = None
    municipality: str | None = None
    employment_type: int | None = None
    schedule: int | None = None
    category: int | None = None
    page: int = 1
    words: list[str] = field(default_factory=list)

    @classmethod
    def from_args(cls, args: MultiDict) -> BoardCriteria:
        q = (args.get("q") or "")[:200].strip()
        page = args.get("page", "1")
        return cls(
            q=q,
            mrc=args.get("mrc") if re.fullmatch(r"\d{3}", args.get("mrc") or "") else None,
            municipality=args.get("municipality")
            if re.fullmatch(r"\d{5}", args.get("municipality") or "")
            else None,
            employment_type=_int_in(args.get("type"), {int(m) for m in EmploymentType}),
            schedule=_int_in(args.get("schedule"), {int(m) for m in Schedule}),
            category=_int_in(args.get("category"), BROAD_CATEGORIES),
            page=min(int(page), 10_000) if page.isdigit() and int(page) > 0 else 1,
            words=re.findall(r"\w+", fold(q))[:MAX_QUERY_WORDS],
        )

    def args(self, **changes) -> dict:
        """Query-string arguments of these criteria, for links (pagination, feeds)."""
        values = {
            "q": self.q or None,
            "mrc": self.mrc,
            "municipality": self.municipality,
            "type": self.employment_type,
            "schedule": self.schedule,
            "category": self.category,
            "page": self.page if self.page > 1 else None,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v is not None}


@dataclass
class Page:
    items: list[Offer]
    total: int
    number: int
    size: int
    # Keyword searches: ranked by the index; None while it is unavailable.
    ranked: bool = False
    index_unavailable: bool = False
    # offer id → (marked title, marked excerpt), either None when no word matched there.
    highlights: dict[int, tuple[Markup | None, Markup | None]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))


def filtered(criteria: BoardCriteria, today: date | None = None):
    """Visible offers matching the criteria, newest first."""
    query = visible_offers(today or local_today())
    for word in criteria.words:
        query = query.where(Offer.search_text.contains(word, autoescape=True))
    if criteria.municipality:
        query = query.where(Offer.municipality_code == criteria.municipality)
    elif criteria.mrc:
        query = query.join(Offer.municipality).where(Municipality.mrc_code == criteria.mrc)
    if criteria.employment_type:
        query = query.where(Offer.employment_types.op("&")(criteria.employment_type) != 0)
    if criteria.schedule:
        query = query.where(Offer.schedules.op("&")(criteria.schedule) != 0)
    if criteria.category is not None:
        query = query.where(func.substr(Offer.noc_code, 1, 1) == str(criteria.category))
    return query.order_by(Offer.published_at.desc(), Offer.id.desc())


def _load(ids: list[int], today: date) -> list[Offer]:
    """Those of `ids` that are visible, in the same order (the index may lag the database)."""
    by_id = {
        offer.id: offer
        for offer in db.session.scalars(
            select(Offer)
            .where(Offer.id.in_(ids), Offer.visible_clause(today))
            .options(joinedload(Offer.employer), joinedload(Offer.municipality))
        ).unique()
    }
    return [by_id[i] for i in ids if i in by_id]


def search(criteria: BoardCriteria) -> Page:
    size = current_app.config["OJ_BOARD_PAGE_SIZE"]
    if criteria.words:
        try:
            return _ranked(criteria, size)
        except IndexUnavailable:
            page = _listed(criteria, size)
            page.index_unavailable = True
            return page
    return _listed(criteria, size)


def _ranked(criteria: BoardCriteria, size: int) -> Page:
    hits = search_board(
        searcher(OfferIndex.open()),
        criteria.q,
        criteria.page,
        size,
        municipality=criteria.municipality,
        mrc=criteria.mrc,
        employment_type=criteria.employment_type,
        schedule=criteria.schedule,
        category=criteria.category,
    )
    items = _load(hits.ids, local_today())
    highlights = {
        offer.id: (
            highlighted(offer.title, hits.terms),
            highlighted(offer.description, hits.terms, excerpt=True),
        )
        for offer in items
    }
    return Page(items, hits.total, criteria.page, size, ranked=True, highlights=highlights)


def _listed(criteria: BoardCriteria, size: int) -> Page:
    """Newest first from the database (keywords as folded substrings when the index is down)."""
    query = filtered(criteria)
    total = db.session.scalar(
        select(func.count()).select_from(
            query.order_by(None).with_only_columns(Offer.id).subquery()
        )
    )
    # Ids first, through the board index; then only those rows in full.
    ids = db.session.scalars(
        query.with_only_columns(Offer.id).limit(size).offset((criteria.page - 1) * size)
    ).all()
    return Page(
        items=_load(list(ids), local_today()), total=total or 0, number=criteria.page, size=size
    )


_LATEST_CHANGES = select(
    select(func.max(Offer.updated_at)).scalar_subquery(),
    select(func.max(Employer.updated_at)).scalar_subquery(),
)


def change_stamp() -> tuple:
    """Changes whenever something shown on the board may have changed (for page caches).

    Read from the database at most every OJ_BOARD_STAMP_SECONDS per process; a change made in
    this process resets it at once (see `_forget_stamp`), one made in another process is seen
    within that delay.
    """
    now = time.monotonic()
    memo = current_app.extensions.get("oj_board_stamp")
    if memo is not None and now - memo[0] < current_app.config["OJ_BOARD_STAMP_SECONDS"]:
        return memo[1]
    # Autocommit: a read outside any transaction needs no ROLLBACK round trip afterwards.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        stamp = (local_today(), *conn.execute(_LATEST_CHANGES).one())
    current_app.extensions["oj_board_stamp"] = (now, stamp)
    return stamp


@event.listens_for(Session, "after_flush")
def _forget_stamp(session: Session, _context) -> None:
    if has_app_context() and any(
        isinstance(obj, Offer | Employer)
        for obj in (*session.new, *session.dirty, *session.deleted)
    ):
        current_app.extensions.pop("oj_board_stamp", None)


def options(stamp: tuple | None = None) -> dict:
    """Choices for the filter form; municipalities are those with visible offers."""
    stamp = stamp or change_stamp()
    cached = current_app.extensions.get("oj_board_options")
    if cached is not None and cached[0] == stamp:
        return cached[1]
    rows = db.session.execute(
        select(Municipality.code, Municipality.name, func.count(Offer.id))
        .join(Offer, Offer.municipality_code == Municipality.code)
        .where(Offer.visible_clause(stamp[0]))
        .group_by(Municipality.code, Municipality.name)
        .order_by(Municipality.name)
    ).all()
    value = {
        "mrcs": mrc_choices(),
        "municipalities": rows,
        "categories": BROAD_CATEGORIES,
    }
    current_app.extensions["oj_board_options"] = (stamp, value)
    return value
