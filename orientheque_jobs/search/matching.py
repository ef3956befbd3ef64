"""Matching participants and offers, both ways (DESIGN §6).

Hard constraints (distance from home by transport mode, schedule, full or part time, French
level, openness to a criminal record) filter; the text score ranks (desired occupations and CNP
codes against titles first, skills and descriptions lower); soft facts (wage subsidy, closeness,
permanent or temporary) adjust it. The facts the constraints read are kept per searcher
generation, so a query only scores the documents that pass them (`filter=`), and the documents
the text matched but the constraints refused are counted by their first failing constraint.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from whoosh.query import AndMaybe, Or, Query, Term

from ..models.matching import TransportMode
from ..models.offers import EmploymentType, RecordOpenness, Schedule
from ..services.geo import Geo
from .occupations import tokens, widen
from .readers import cached_facts

DEFAULT_REACH_KM = {TransportMode.CAR: 40, TransportMode.TRANSIT: 20, TransportMode.ACTIVE: 5}
HOURS = EmploymentType.FULL_TIME | EmploymentType.PART_TIME
DURATION = EmploymentType.PERMANENT | EmploymentType.TEMPORARY | EmploymentType.SEASONAL
MAX_WORDS = 25
MAX_SHOWN_WORDS = 8
MAX_SKILL_TERMS = 12
SUBSIDY_BONUS = 0.15
DURATION_BONUS = 0.1
CLOSENESS_BONUS = 0.1


class Exclusion(enum.StrEnum):
    """Hard constraints, in the order a refused match is attributed to them."""

    DISTANCE = "distance"
    TRANSIT = "transit"
    SCHEDULE = "schedule"
    EMPLOYMENT_TYPE = "employment_type"
    FRENCH = "french"
    RECORD = "record"


def _flags(value: str | None) -> int:
    return sum(int(part) for part in value.split()) if value else 0


@dataclass(frozen=True)
class SeekerFacts:
    """What the constraints need of a participant."""

    id: int | None = None
    municipality: str | None = None
    transport: TransportMode = TransportMode.CAR
    max_km: int | None = None
    availability: int = 0
    employment_types: int = 0
    french_level: int | None = None
    record: bool = False
    subsidy: bool = False

    @property
    def reach_km(self) -> int:
        return self.max_km or DEFAULT_REACH_KM[self.transport]

    @classmethod
    def from_stored(cls, stored: dict) -> SeekerFacts:
        return cls(
            id=int(stored["id"]),
            municipality=stored.get("municipality"),
            transport=TransportMode(stored.get("transport", TransportMode.CAR)),
            max_km=stored.get("max_km"),
            availability=_flags(stored.get("availability")),
            employment_types=_flags(stored.get("employment_types")),
            french_level=stored.get("french_level"),
            record=bool(stored.get("record")),
            subsidy=bool(stored.get("subsidy")),
        )


@dataclass(frozen=True)
class JobFacts:
    """What the constraints need of an offer."""

    id: int | None = None
    municipality: str | None = None
    remote: bool = False
    schedules: int = 0
    employment_types: int = 0
    french_level: int | None = None
    record: RecordOpenness | None = None
    subsidy: bool = False
    transit: bool = False
    noc: str | None = None

    @classmethod
    def from_stored(cls, stored: dict) -> JobFacts:
        return cls(
            id=int(stored["id"]),
            municipality=stored.get("municipality"),
            remote=bool(stored.get("remote")),
            schedules=_flags(stored.get("schedules")),
            employment_types=_flags(stored.get("employment_types")),
            french_level=stored.get("french_level"),
            record=RecordOpenness(stored["record"]) if stored.get("record") else None,
            subsidy=bool(stored.get("subsidy")),
            transit=bool(stored.get("transit")),
            noc=stored.get("noc"),
        )


def needed_availability(schedules: int) -> int:
    """The shifts an offer's schedules ask for: rotation means day, evening and night."""
    needed = schedules & ~Schedule.ROTATION
    if schedules & Schedule.ROTATION:
        needed |= Schedule.DAY | Schedule.EVENING | Schedule.NIGHT
    return needed


def exclusion(seeker: SeekerFacts, job: JobFacts, distance_km: float | None) -> Exclusion | None:
    """The first hard constraint the pair breaks; None when it may be proposed.

    Unknown facts never exclude: a participant without a French level, an offer without a place.
    """
    if not job.remote:
        if distance_km is not None and distance_km > seeker.reach_km:
            return Exclusion.DISTANCE
        if seeker.transport == TransportMode.TRANSIT and not job.transit:
            return Exclusion.TRANSIT
    needed = needed_availability(job.schedules)
    if seeker.availability and needed & ~seeker.availability:
        return Exclusion.SCHEDULE
    # Full or part time is a constraint; permanent, temporary or seasonal only ranks.
    wanted, offered = seeker.employment_types & HOURS, job.employment_types & HOURS
    if wanted and offered and not wanted & offered:
        return Exclusion.EMPLOYMENT_TYPE
    if job.french_level and seeker.french_level and seeker.french_level < job.french_level:
        return Exclusion.FRENCH
    if seeker.record and job.record == RecordOpenness.NO:
        return Exclusion.RECORD
    return None


def bonus(seeker: SeekerFacts, job: JobFacts, distance_km: float | None) -> float:
    """Soft facts: a welcome wage subsidy for an eligible person, a nearer workplace."""
    value = SUBSIDY_BONUS if seeker.subsidy and job.subsidy else 0.0
    wanted, offered = seeker.employment_types & DURATION, job.employment_types & DURATION
    if wanted and offered:
        value += DURATION_BONUS if wanted & offered else -DURATION_BONUS
    if distance_km is not None and not job.remote:
        value += CLOSENESS_BONUS * max(0.0, 1 - distance_km / seeker.reach_km)
    return value


@dataclass
class Match:
    id: int
    score: float
    words: list[str]  # the words of the query that the document matched, as written
    codes: list[str]  # the CNP codes (wanted or widened) that the document matched
    distance_km: float | None
    seeker: SeekerFacts
    job: JobFacts


@dataclass
class MatchResult:
    matches: list[Match] = field(default_factory=list)
    excluded: Counter = field(default_factory=Counter)  # Exclusion → documents refused

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())


class _Words:
    """Analysed terms of texts, remembering the first word each came from (for the reasons)."""

    def __init__(self) -> None:
        self.original: dict[str, str] = {}

    def matched(self, terms: set[str]) -> list[str]:
        """The words behind `terms`, in the order they were asked for."""
        found = dict.fromkeys(w for t, w in self.original.items() if t in terms)
        return list(found)[:MAX_SHOWN_WORDS]

    def of(self, text: str | None, limit: int = MAX_WORDS) -> list[str]:
        terms = []
        for word in (text or "").replace("/", " ").split():
            for term in tokens(word):
                self.original.setdefault(term, word.strip(".,;:!?()«»\"'"))
                if term not in terms:
                    terms.append(term)
        return terms[:limit]


Parts = Iterable[tuple[str, Iterable[str], float]]


class _PreloadedOr(Or):
    """Reads each term's postings once into arrays: many times faster than Whoosh's binary tree
    of union matchers for these 10–50-term queries (measured: bench/search.py)."""

    matcher_type = Or.ARRAY_MATCHER


def _or(parts: Parts, kind: type[Or] = Or) -> Query | None:
    subqueries = [Term(name, term, boost=boost) for name, terms, boost in parts for term in terms]
    return kind(subqueries) if subqueries else None


def _query(required: Parts, optional: Parts) -> Query | None:
    """Documents must match the occupation (words or CNP); skills and descriptions only rank.

    Without occupation words or codes, the skills decide alone. The ranking part is preloaded
    (it does not report its matched terms: `_run` finds the words shown in stored titles).
    """
    core, extra = _or(required), _or(optional, _PreloadedOr)
    if core is None:
        return extra
    return AndMaybe(core, extra) if extra is not None else core


def _run(searcher, query, pair_of, check, limit: int, words: _Words) -> MatchResult:
    """Score the documents of `query` whose pair (`pair_of(docnum)`) passes `check`."""
    result = MatchResult()
    allowed, checked = set(), {}
    for docnum in searcher.docs_for_query(query):
        seeker, job = pair_of(docnum)
        reason, km = check(seeker, job)
        if reason is None:
            allowed.add(docnum)
            checked[docnum] = (seeker, job, km)
        else:
            result.excluded[reason] += 1
    if not allowed:
        return result
    hits = searcher.search(query, filter=allowed, limit=limit * 2, terms=True, optimize=False)
    for hit in hits:
        seeker, job, km = checked[hit.docnum]
        matched = [(name, term.decode()) for name, term in hit.matched_terms()]
        matched += [("title", term) for term in tokens(hit.get("title"))]
        result.matches.append(
            Match(
                id=int(hit["id"]),
                score=hit.score,
                words=words.matched({term for name, term in matched if name != "noc"}),
                codes=sorted(term for name, term in matched if name == "noc"),
                distance_km=km,
                seeker=seeker,
                job=job,
            )
        )
    return result


def _finish(result: MatchResult, limit: int) -> MatchResult:
    for match in result.matches:
        match.score *= 1 + bonus(match.seeker, match.job, match.distance_km)
    result.matches.sort(key=lambda m: (-m.score, m.id))
    del result.matches[limit:]
    return result


def _offer_facts(searcher) -> dict[int, JobFacts]:
    return cached_facts(
        searcher,
        lambda: {n: JobFacts.from_stored(s) for n, s in searcher.reader().iter_docs()},
    )


def _seeker_facts(searcher) -> dict[int, SeekerFacts]:
    return cached_facts(
        searcher,
        lambda: {n: SeekerFacts.from_stored(s) for n, s in searcher.reader().iter_docs()},
    )


def offers_for_seeker(
    searcher,
    seeker: SeekerFacts,
    geo: Geo,
    occupations: str | None,
    noc_codes: Iterable[str],
    skills: str | None = None,
    limit: int = 20,
) -> MatchResult:
    """Visible offers for a participant, best first, with the refused ones counted by reason."""
    words = _Words()
    occupation_terms = words.of(occupations)
    skill_terms = [t for t in words.of(skills) if t not in occupation_terms]
    codes = set(noc_codes)
    widened = [c for c in widen(occupation_terms) if c not in codes]
    query = _query(
        [
            ("title", occupation_terms, 3.0),
            ("noc", sorted(codes), 6.0),
            ("noc", widened, 3.0),
        ],
        # Long descriptions only rank: as a condition, their words match thousands of offers.
        [
            ("description", occupation_terms, 1.0),
            ("title", skill_terms[:MAX_SKILL_TERMS], 1.0),
        ],
    )
    if query is None:
        return MatchResult()
    nearby = geo.within(seeker.municipality, seeker.reach_km) if seeker.municipality else None
    facts = _offer_facts(searcher)

    def check(seeker: SeekerFacts, job: JobFacts):
        # The nearby set answers most distance refusals without computing a distance.
        if nearby is not None and job.municipality not in nearby and not job.remote:
            if job.municipality in geo.positions:
                return Exclusion.DISTANCE, None
        km = geo.distance_km(seeker.municipality, job.municipality)
        return exclusion(seeker, job, km), km

    result = _run(searcher, query, lambda n: (seeker, facts[n]), check, limit, words)
    return _finish(result, limit)


def seekers_for_job(
    searcher,
    job: JobFacts,
    geo: Geo,
    title: str,
    text: str | None = None,
    limit: int = 20,
) -> MatchResult:
    """Matchable participants for an offer, best first, with the refused ones counted."""
    words = _Words()
    title_terms = words.of(title)
    text_terms = [t for t in words.of(text) if t not in title_terms]
    codes = {job.noc} if job.noc else set()
    widened = [c for c in widen(title_terms) if c not in codes]
    query = _query(
        [
            ("occupations", title_terms, 3.0),
            ("skills", title_terms, 1.0),
            ("noc", sorted(codes), 6.0),
            ("noc", widened, 3.0),
        ],
        [("skills", text_terms, 0.5)],
    )
    if query is None:
        return MatchResult()
    facts = _seeker_facts(searcher)

    def check(seeker: SeekerFacts, job: JobFacts):
        km = geo.distance_km(seeker.municipality, job.municipality)
        return exclusion(seeker, job, km), km

    result = _run(searcher, query, lambda n: (facts[n], job), check, limit, words)
    return _finish(result, limit)
