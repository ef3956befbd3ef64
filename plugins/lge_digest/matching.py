"""Saved searches against the new offers only (DESIGN §6).

A run builds one Whoosh index in memory (`RamStorage`) holding the run's candidate offers (the
visible offers published in the last few days, a few dozen), with the offer index's own schema
and documents (`offer_schema`, `offer_document`), so the French analyser and the CNP widening
are the board's. Each subscriber's criteria then become:

- **what** — the keywords, through `board_query` (every word required, each word may widen to
  its CNP group, accents and feminine endings folded); commas, semicolons or new lines separate
  alternatives ("soudeur, machiniste" is either), and the chosen CNP codes are alternatives too
  (`Term("noc", code)`). No keyword and no code: every new offer.
- **where** — chosen municipalities, chosen MRC, or within `max_distance_km` of the home
  municipality (`services.geo`); any of them will do. Remote offers are everywhere.
- **how** — employment types, per dimension (full/part time; permanent/temporary/seasonal):
  when both the person and the offer say something, they must share a value; same for
  schedules. An offer that says nothing is not excluded (unknown never excludes, like matching).

The text part goes through the index and is cached per distinct query (many people ask the
same words); the filters are read from the same stored fields the board's `board_filter` uses,
in Python, since they are set-valued here. The caller re-checks visibility in the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from whoosh.filedb.filestore import RamStorage
from whoosh.query import Query, Term

from orientheque_jobs.models import EmploymentType, Offer
from orientheque_jobs.search.board import MAX_TERMS, board_query
from orientheque_jobs.search.occupations import tokens
from orientheque_jobs.search.schema import offer_document, offer_schema
from orientheque_jobs.services.geo import Geo

HOURS = EmploymentType.FULL_TIME | EmploymentType.PART_TIME
DURATION = EmploymentType.PERMANENT | EmploymentType.TEMPORARY | EmploymentType.SEASONAL
ALTERNATIVES = re.compile(r"[,;\n]+")


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys((value or "").split()))


def _flags(value: str | None) -> int:
    return sum(int(part) for part in value.split()) if value else 0


@dataclass(frozen=True)
class Criteria:
    """A subscription's criteria, detached from the database row."""

    keywords: str | None = None
    noc_codes: tuple[str, ...] = ()
    municipality_codes: frozenset[str] = frozenset()
    mrc_codes: frozenset[str] = frozenset()
    home_municipality_code: str | None = None
    max_distance_km: int | None = None
    employment_types: int = 0
    schedules: int = 0

    @classmethod
    def of(cls, sub) -> Criteria:
        """From a `DigestSubscription` (or any object with the same attributes)."""
        return cls(
            keywords=(sub.keywords or "").strip() or None,
            noc_codes=_codes(sub.noc_codes),
            municipality_codes=frozenset(_codes(sub.municipality_codes)),
            mrc_codes=frozenset(_codes(sub.mrc_codes)),
            home_municipality_code=sub.home_municipality_code,
            max_distance_km=sub.max_distance_km,
            employment_types=int(sub.employment_types or 0),
            schedules=int(sub.schedules or 0),
        )

    def alternatives(self) -> list[str]:
        return [part.strip() for part in ALTERNATIVES.split(self.keywords or "") if part.strip()]

    @property
    def has_place(self) -> bool:
        return bool(
            self.municipality_codes
            or self.mrc_codes
            or (self.home_municipality_code and self.max_distance_km is not None)
        )


@dataclass(frozen=True)
class OfferFacts:
    """What the filters read of a candidate offer (the index's stored fields)."""

    id: int
    published_at: datetime
    municipality: str | None
    mrc: str | None
    remote: bool
    employment_types: int
    schedules: int

    @classmethod
    def from_stored(cls, stored: dict) -> OfferFacts:
        return cls(
            id=int(stored["id"]),
            published_at=stored["published_at"],
            municipality=stored.get("municipality"),
            mrc=stored.get("mrc"),
            remote=bool(stored.get("remote")),
            employment_types=_flags(stored.get("employment_types")),
            schedules=_flags(stored.get("schedules")),
        )


def _shares(wanted: int, offered: int) -> bool:
    return not wanted or not offered or bool(wanted & offered)


class NewOffers:
    """The run's candidate offers in a RAM Whoosh index; `match` answers one subscriber."""

    def __init__(self, offers: Iterable[Offer], geo: Geo | None = None) -> None:
        self.geo = geo
        self.index = RamStorage().create_index(offer_schema())
        with self.index.writer() as writer:
            for offer in offers:
                writer.add_document(**offer_document(offer))
        self.searcher = self.index.searcher()
        self.facts: dict[int, OfferFacts] = {}
        self._by_docnum: dict[int, int] = {}
        for docnum, stored in self.searcher.iter_docs():
            facts = OfferFacts.from_stored(stored)
            self.facts[facts.id] = facts
            self._by_docnum[docnum] = facts.id
        # Newest first, the order of a digest.
        self.order = sorted(self.facts, key=lambda i: (self.facts[i].published_at, i), reverse=True)
        self._what: dict[tuple, frozenset[int]] = {}
        self.places = {f.municipality for f in self.facts.values() if f.municipality is not None}
        self._distances: dict[str, dict[str, float | None]] = {}
        self.queries = 0  # index searches actually run (the rest came from the cache)

    def __len__(self) -> int:
        return len(self.facts)

    def close(self) -> None:
        self.searcher.close()

    # --- what ---------------------------------------------------------------------------------

    def _search(self, key: tuple, query: Callable[[], Query]) -> frozenset[int]:
        found = self._what.get(key)
        if found is None:
            self.queries += 1
            docs = self.searcher.docs_for_query(query())
            found = frozenset(self._by_docnum[d] for d in docs)
            self._what[key] = found
        return found

    def wanted(self, criteria: Criteria) -> frozenset[int] | None:
        """Ids of the candidates the keywords or CNP codes match; None when there are none.

        Each alternative (`board_query` of its text) and each code is searched once per run:
        the union of cached sets is the same as one search of their `Or`."""
        found: set[int] = set()
        searched = False
        for text in criteria.alternatives():
            terms = tuple(sorted(tokens(text.replace("/", " "))[:MAX_TERMS]))
            if terms:  # only stop words: no condition
                searched = True
                found |= self._search(("text", terms), lambda t=text: board_query(t)[0])
        for code in criteria.noc_codes:
            searched = True
            found |= self._search(("noc", code), lambda c=code: Term("noc", c))
        return frozenset(found) if searched else None

    # --- where and how ------------------------------------------------------------------------

    def _near(self, criteria: Criteria) -> frozenset[str]:
        """The candidates' municipalities within the distance (a few per run, not the whole
        province: the distances from each home are computed once)."""
        home, km = criteria.home_municipality_code, criteria.max_distance_km
        if self.geo is None or not home or km is None:
            return frozenset()
        distances = self._distances.get(home)
        if distances is None:
            distances = self._distances[home] = {
                place: self.geo.distance_km(home, place) for place in self.places
            }
        return frozenset(p for p, d in distances.items() if d is not None and d <= km)

    def fits(self, criteria: Criteria, facts: OfferFacts, near: frozenset[str]) -> bool:
        if criteria.has_place and not facts.remote and facts.municipality is not None:
            if not (
                facts.municipality in criteria.municipality_codes
                or (facts.mrc is not None and facts.mrc in criteria.mrc_codes)
                or facts.municipality in near
            ):
                return False
        wanted, offered = criteria.employment_types, facts.employment_types
        if not _shares(wanted & HOURS, offered & HOURS):
            return False
        if not _shares(wanted & DURATION, offered & DURATION):
            return False
        return _shares(criteria.schedules, facts.schedules)

    def match(self, criteria: Criteria, since: datetime | None = None) -> list[int]:
        """Ids of the candidates published at or after `since` that fit, newest first."""
        wanted = self.wanted(criteria)
        near = self._near(criteria)
        found = []
        for offer_id in self.order:
            facts = self.facts[offer_id]
            if since is not None and facts.published_at < since:
                break  # newest first: every later one is older
            if wanted is not None and offer_id not in wanted:
                continue
            if self.fits(criteria, facts, near):
                found.append(offer_id)
        return found
