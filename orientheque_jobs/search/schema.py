"""What the offer index holds: only visible offers, and only what search and filters need."""

from __future__ import annotations

from datetime import datetime, time

from whoosh import fields

from ..models.offers import EmploymentType, Offer, Schedule, flags_of
from .analysis import french_analyzer

# Bump when the fields change: an index written with another version is rebuilt on sync.
OFFER_SCHEMA_VERSION = 1


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
    }
    return {key: value for key, value in document.items() if value not in (None, "")}
