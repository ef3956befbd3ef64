"""Counsellor matching, both ways: suggestions with their reasons, re-checked against the database.

The ranking suggests; nothing reaches an employer without a counsellor's action (a referral).
Every list names participants, so each is audited like a participant list.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import (
    ConsentScope,
    MatchingProfile,
    Offer,
    Participant,
    Referral,
    Schedule,
    User,
)
from ..models.matching import matchable_participants
from ..models.offers import RecordOpenness
from ..search import IndexUnavailable, OfferIndex
from ..search.index import ParticipantIndex
from ..search.matching import (
    Exclusion,
    JobFacts,
    Match,
    SeekerFacts,
    offers_for_seeker,
    seekers_for_job,
)
from ..search.readers import searcher
from .clock import local_today
from .geo import geo
from .participants import _audit, active_consent

LIMIT = 20
NO_CONSENT, NO_PROFILE, FILE_CLOSED = "no_consent", "no_profile", "file_closed"


@dataclass(frozen=True)
class Reason:
    """Why a result fits (or what to check); the view words it. `kind` names the fact."""

    kind: str
    value: object = None
    other: object = None


@dataclass
class Suggestion:
    item: Offer | Participant
    score: float
    reasons: list[Reason]
    referral: Referral | None = None


@dataclass
class Suggestions:
    items: list[Suggestion] = field(default_factory=list)
    excluded: Counter = field(default_factory=Counter)  # Exclusion → count
    index_unavailable: bool = False
    unavailable_reason: str | None = None  # NO_CONSENT, NO_PROFILE or FILE_CLOSED

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())

    @property
    def excluded_by_reason(self) -> list[tuple[Exclusion, int]]:
        return [(reason, self.excluded[reason]) for reason in Exclusion if self.excluded[reason]]


def seeker_facts(participant: Participant, profile: MatchingProfile) -> SeekerFacts:
    return SeekerFacts(
        id=participant.id,
        municipality=participant.municipality_code,
        transport=profile.transport_mode,
        max_km=profile.max_distance_km,
        availability=profile.availability or 0,
        employment_types=profile.employment_types or 0,
        french_level=profile.french_level,
        record=bool(profile.criminal_record_considered),
        subsidy=bool(profile.wage_subsidy_eligible),
    )


def job_facts(offer: Offer) -> JobFacts:
    return JobFacts(
        id=offer.id,
        municipality=offer.municipality_code,
        remote=bool(offer.remote),
        schedules=offer.schedules or 0,
        employment_types=offer.employment_types or 0,
        french_level=offer.french_level_required,
        record=offer.criminal_record_openness,
        subsidy=bool(offer.wage_subsidy_welcome),
        transit=bool(offer.transit_accessible),
        noc=offer.noc_code,
    )


def reasons(match: Match, wanted_codes: set[str]) -> list[Reason]:
    """The facts behind a match, in the order a counsellor reads them."""
    seeker, job = match.seeker, match.job
    found = []
    if match.words:
        found.append(Reason("words", match.words))
    if job.noc and job.noc in wanted_codes:
        found.append(Reason("noc", job.noc))
    elif match.codes:
        found.append(Reason("noc_related", match.codes))
    if job.remote:
        found.append(Reason("remote"))
    elif match.distance_km is not None:
        found.append(Reason("distance", match.distance_km, seeker.transport))
    else:
        found.append(Reason("place_unknown"))
    if seeker.transport == seeker.transport.TRANSIT and job.transit and not job.remote:
        found.append(Reason("transit"))
    shared = job.schedules & seeker.availability & ~Schedule.ROTATION
    if shared:
        found.append(Reason("schedule", shared))
    if job.french_level:
        if seeker.french_level:
            found.append(Reason("french", job.french_level, seeker.french_level))
        else:
            found.append(Reason("french_unknown", job.french_level))
    if seeker.subsidy and job.subsidy:
        found.append(Reason("subsidy"))
    if seeker.record:
        if job.record in (RecordOpenness.YES, RecordOpenness.DISCUSS):
            found.append(Reason("record", job.record))
        else:
            found.append(Reason("record_unknown"))
    return found


def _profile_problem(participant: Participant) -> str | None:
    if not active_consent(participant, ConsentScope.MATCHING):
        return NO_CONSENT
    if participant.matching_profile is None:
        return NO_PROFILE
    if participant.ended_on is not None and participant.ended_on < local_today():
        return FILE_CLOSED
    return None


def _referrals(participant_ids, offer_ids) -> dict[tuple[int, int], Referral]:
    rows = db.session.scalars(
        select(Referral).where(
            Referral.participant_id.in_(list(participant_ids)),
            Referral.offer_id.in_(list(offer_ids)),
        )
    )
    return {(r.participant_id, r.offer_id): r for r in rows}


def offers_for_participant(participant: Participant, user: User, limit: int = LIMIT) -> Suggestions:
    """Visible offers ranked for a participant, with reasons and the refused ones counted."""
    problem = _profile_problem(participant)
    if problem:
        return Suggestions(unavailable_reason=problem)
    profile = participant.matching_profile
    try:
        result = offers_for_seeker(
            searcher(OfferIndex.open()),
            seeker_facts(participant, profile),
            geo(),
            occupations=profile.desired_occupations,
            noc_codes=profile.noc_codes,
            skills=" ".join(part for part in (profile.skills, profile.experience) if part),
            limit=limit,
        )
    except IndexUnavailable:
        return Suggestions(index_unavailable=True)
    ids = [match.id for match in result.matches]
    offers = {
        offer.id: offer
        for offer in db.session.scalars(
            select(Offer)
            .where(Offer.id.in_(ids), Offer.visible_clause(local_today()))
            .options(joinedload(Offer.employer), joinedload(Offer.municipality))
        ).unique()
    }
    referrals = _referrals([participant.id], ids)
    wanted = set(profile.noc_codes)
    items = [
        Suggestion(offers[m.id], m.score, reasons(m, wanted), referrals.get((participant.id, m.id)))
        for m in result.matches
        if m.id in offers
    ]
    _audit(user, "view", participant.id, {"matching": "offers", "shown": len(items)})
    db.session.commit()
    return Suggestions(items=items, excluded=result.excluded)


def participants_for_offer(offer: Offer, user: User, limit: int = LIMIT) -> Suggestions:
    """Matchable participants ranked for an offer (counsellors only), with reasons."""
    try:
        result = seekers_for_job(
            searcher(ParticipantIndex.open()),
            job_facts(offer),
            geo(),
            title=offer.title,
            text="\n".join(part for part in (offer.requirements, offer.tasks) if part),
            limit=limit,
        )
    except IndexUnavailable:
        return Suggestions(index_unavailable=True)
    ids = [match.id for match in result.matches]
    matchable = set(
        db.session.scalars(matchable_participants(local_today()).where(Participant.id.in_(ids)))
    )
    people = {
        p.id: p
        for p in db.session.scalars(
            select(Participant)
            .where(Participant.id.in_(matchable))
            .options(joinedload(Participant.matching_profile))
        ).unique()
    }
    referrals = _referrals(ids, [offer.id])
    items = []
    for m in result.matches:
        person = people.get(m.id)
        if person is None:
            continue
        wanted = set(person.matching_profile.noc_codes)
        items.append(
            Suggestion(person, m.score, reasons(m, wanted), referrals.get((m.id, offer.id)))
        )
    _audit(user, "list", None, {"matching_offer": offer.id, "shown": len(items)})
    db.session.commit()
    return Suggestions(items=items, excluded=result.excluded)
