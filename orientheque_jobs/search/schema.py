"""What the indexes hold: visible offers, and matchable participants' profiles (DESIGN §5-6).

Both keep only what search, filters and matching constraints need.
"""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session
from whoosh import fields

from ..models.matching import MatchingProfile
from ..models.offers import EmploymentType, Offer, Schedule, flags_of
from ..models.reference import NocUnitGroup
from .analysis import french_analyzer

# Bump when the fields change: an index written with another version is rebuilt on sync.
OFFER_SCHEMA_VERSION = 2
PARTICIPANT_SCHEMA_VERSION = 1


def offer_schema() -> fields.Schema:
    fr = french_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        # The title decides relevance; long descriptions are kept apart and weighted low.
        title=fields.TEXT(analyzer=fr, field_boost=3.0, stored=True),
        description=fields.TEXT(analyzer=fr, field_boost=0.5),
        employer=fields.TEXT(analyzer=fr, stored=True),
        municipality=fields.ID(stored=True),
        mrc=fields.ID(stored=True),
        noc=fields.ID(stored=True),
        category=fields.ID(stored=True),
        employment_types=fields.KEYWORD(stored=True, scorable=False),
        schedules=fields.KEYWORD(stored=True, scorable=False),
        remote=fields.BOOLEAN(stored=True),
        published_at=fields.DATETIME(stored=True, sortable=True),
        # date.toordinal(): lets a sync drop offers whose expiry date has passed.
        expires_on=fields.NUMERIC(int, bits=32, stored=True),
        # Matching facts, read by the hard constraints.
        french_level=fields.NUMERIC(int, bits=8, stored=True),
        record=fields.ID(stored=True),
        subsidy=fields.BOOLEAN(stored=True),
        transit=fields.BOOLEAN(stored=True),
    )


def _flags(flag_type, value: int) -> str:
    return " ".join(str(int(member)) for member in flags_of(flag_type, value or 0))


def offer_document(offer: Offer) -> dict:
    """The index document of an offer (employer, municipality and noc loaded or lazy-loadable)."""
    municipality = offer.municipality
    document = {
        "id": str(offer.id),
        "title": offer.title,
        "description": "\n".join(
            part for part in (offer.description, offer.tasks, offer.requirements) if part
        ),
        "employer": offer.employer.name if offer.employer is not None else None,
        "municipality": offer.municipality_code,
        "mrc": municipality.mrc_code if municipality is not None else None,
        "noc": offer.noc_code,
        "category": str(offer.noc.broad_category) if offer.noc is not None else None,
        "employment_types": _flags(EmploymentType, offer.employment_types),
        "schedules": _flags(Schedule, offer.schedules),
        "remote": bool(offer.remote),
        "published_at": offer.published_at or datetime.combine(offer.expires_on, time.min),
        "expires_on": offer.expires_on.toordinal(),
        "french_level": offer.french_level_required,
        "record": offer.criminal_record_openness.value if offer.criminal_record_openness else None,
        "subsidy": bool(offer.wage_subsidy_welcome),
        "transit": bool(offer.transit_accessible),
    }
    return {key: value for key, value in document.items() if value not in (None, "")}


def participant_schema() -> fields.Schema:
    fr = french_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        # Desired occupations (free words and the titles of the desired CNP unit groups).
        occupations=fields.TEXT(analyzer=fr, field_boost=3.0),
        skills=fields.TEXT(analyzer=fr),
        noc=fields.KEYWORD(stored=True, scorable=False),
        municipality=fields.ID(stored=True),
        transport=fields.ID(stored=True),
        max_km=fields.NUMERIC(int, bits=16, stored=True),
        availability=fields.KEYWORD(stored=True, scorable=False),
        employment_types=fields.KEYWORD(stored=True, scorable=False),
        french_level=fields.NUMERIC(int, bits=8, stored=True),
        record=fields.BOOLEAN(stored=True),
        subsidy=fields.BOOLEAN(stored=True),
    )


def noc_titles(session: Session) -> dict[str, str]:
    """French titles of the CNP unit groups (516 rows), to widen a profile's desired codes."""
    rows = session.execute(select(NocUnitGroup.code, NocUnitGroup.title_fr))
    return {code: title for code, title in rows}


def participant_document(profile: MatchingProfile, titles: dict[str, str]) -> dict:
    """The index document of a profile: no name, no contact, no free notes."""
    participant = profile.participant
    document = {
        "id": str(profile.participant_id),
        "occupations": "\n".join(
            [profile.desired_occupations or ""] + [titles.get(c, "") for c in profile.noc_codes]
        ),
        "skills": "\n".join(part for part in (profile.skills, profile.experience) if part),
        "noc": " ".join(profile.noc_codes),
        "municipality": participant.municipality_code,
        "transport": profile.transport_mode.value if profile.transport_mode else None,
        "max_km": profile.max_distance_km,
        "availability": _flags(Schedule, profile.availability),
        "employment_types": _flags(EmploymentType, profile.employment_types),
        "french_level": profile.french_level,
        "record": bool(profile.criminal_record_considered),
        "subsidy": bool(profile.wage_subsidy_eligible),
    }
    return {key: value for key, value in document.items() if value not in (None, "")}
