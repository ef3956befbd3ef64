"""Employers: search, identity, contact persons, and the employer file with its timeline.

The file is built with a fixed number of queries whatever the amount of activity: one query per
kind of record, relations eager-loaded, then merged in Python.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import (
    CompanyVisit,
    Contact,
    Employer,
    EmployerInteraction,
    EmployerSize,
    FollowUpMeeting,
    Municipality,
    Offer,
    Placement,
    RetentionFollowUp,
    User,
    fold,
)
from .activity import Errors, RuleError, local_to_utc, utc_to_local
from .audit import audit

PAGE_SIZE = 30
MAX_QUERY_WORDS = 8
EMPLOYER_FIELDS = (
    "name",
    "neq",
    "municipality_code",
    "website",
    "sector",
    "size",
    "has_hr_department",
)
TIMELINE_KINDS = ("interaction", "visit", "placement", "follow_up")


class EmployerError(RuleError):
    """An employer or contact rule is broken (NEQ already used, duplicate contact email…)."""


@dataclass
class SearchPage:
    employers: list[Employer]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def search_employers(
    q: str | None = None,
    mrc: str | None = None,
    sector: str | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> SearchPage:
    """Employers whose name or sector holds every word of `q` (accents and case ignored), or
    whose NEQ starts with `q`'s digits; in an MRC; in a sector; by name, one page."""
    query = select(Employer)
    q = (q or "").strip()
    digits = re.sub(r"[\s-]", "", q)
    name, sector_column = Employer.folded_name, Employer.folded_sector
    if digits.isdigit():
        query = query.where(
            or_(Employer.neq.startswith(digits[:10]), name.contains(digits, autoescape=True))
        )
    else:
        for word in fold(q).split()[:MAX_QUERY_WORDS]:
            query = query.where(
                or_(
                    name.contains(word, autoescape=True),
                    sector_column.contains(word, autoescape=True),
                )
            )
    if mrc:
        query = query.where(
            Employer.municipality_code.in_(
                select(Municipality.code).where(Municipality.mrc_code == mrc)
            )
        )
    for word in fold(sector).split()[:MAX_QUERY_WORDS]:
        query = query.where(sector_column.contains(word, autoescape=True))
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // page_size))
    page = min(max(page, 1), pages)
    employers = db.session.scalars(
        query.options(joinedload(Employer.municipality))
        .order_by(name, Employer.id)
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return SearchPage(list(employers), total, page, page_size)


def sector_suggestions(limit: int = 200) -> list[str]:
    """Sectors already used, for the search's and the identity form's suggestions."""
    return list(
        db.session.scalars(
            select(Employer.sector)
            .where(Employer.sector.is_not(None))
            .group_by(Employer.sector)
            .order_by(Employer.sector)
            .limit(limit)
        )
    )


# --- identity and contacts ---------------------------------------------------------------------


def _check_neq(errors: Errors, neq: str | None, employer: Employer | None) -> None:
    if not neq:
        return
    other = db.session.scalar(select(Employer).where(Employer.neq == neq))
    if other is not None and other is not employer:
        errors.add("neq", _l("Ce NEQ est déjà celui de l'employeur « %(name)s ».", name=other.name))


def _employer_values(data: Mapping[str, Any], employer: Employer | None) -> dict[str, Any]:
    errors = Errors()
    values = {name: data.get(name) for name in EMPLOYER_FIELDS}
    for name in ("name", "neq", "municipality_code", "website", "sector"):
        if isinstance(values[name], str):
            values[name] = values[name].strip() or None
    if not values["name"]:
        errors.add("name", _l("Ce champ est obligatoire."))
    if values["neq"] and not re.fullmatch(r"\d{10}", values["neq"]):
        errors.add("neq", _l("Le NEQ compte exactement 10 chiffres."))
    if (
        values["municipality_code"]
        and db.session.get(Municipality, values["municipality_code"]) is None
    ):
        errors.add("municipality_code", _l("Choisissez une municipalité de la liste."))
    if values["size"] not in (None, ""):
        try:
            values["size"] = EmployerSize(values["size"])
        except ValueError:
            errors.add("size", _l("Choisissez une valeur de la liste."))
    else:
        values["size"] = None
    if values["has_hr_department"] not in (None, True, False):
        errors.add("has_hr_department", _l("Choisissez une valeur de la liste."))
    _check_neq(errors, values["neq"], employer)
    errors.raise_if_any(EmployerError)
    return values


def _commit_employer(employer: Employer) -> None:
    try:
        db.session.commit()
    except IntegrityError:
        # Another counsellor saved the same NEQ between our check and our commit.
        db.session.rollback()
        raise EmployerError(
            {"neq": _l("Ce NEQ est déjà utilisé par un autre employeur.")}
        ) from None


def create_employer(data: Mapping[str, Any], user: User | None) -> Employer:
    """A new employer (e.g. met while prospecting, before any offer).

    data: name, neq, municipality_code, website, sector, size, has_hr_department."""
    values = _employer_values(data, None)
    employer = Employer(**values)
    db.session.add(employer)
    _commit_employer(employer)
    return employer


def update_employer(employer: Employer, data: Mapping[str, Any], user: User | None) -> Employer:
    """Change the employer's identity; the NEQ stays unique."""
    values = _employer_values(data, employer)
    for name, value in values.items():
        setattr(employer, name, value)
    _commit_employer(employer)
    return employer


def _contact_values(
    employer: Employer, data: Mapping[str, Any], contact: Contact | None
) -> dict[str, Any]:
    errors = Errors()
    name = (data.get("name") or "").strip()
    email = (data.get("email") or "").strip().lower()
    phone = (data.get("phone") or "").strip() or None
    if not name:
        errors.add("name", _l("Ce champ est obligatoire."))
    if not email:
        errors.add("email", _l("Ce champ est obligatoire."))
    else:
        other = db.session.scalar(
            select(Contact).where(Contact.employer_id == employer.id, Contact.email == email)
        )
        if other is not None and other is not contact:
            errors.add(
                "email",
                _l(
                    "Cette adresse est déjà celle de %(name)s, personne-ressource de cet "
                    "employeur.",
                    name=other.name,
                ),
            )
    errors.raise_if_any(EmployerError)
    return {"name": name, "email": email, "phone": phone}


def add_contact(employer: Employer, data: Mapping[str, Any], user: User | None) -> Contact:
    """A new contact person at the employer. data: name, email, phone. The email is stored
    lower-case and is unique within the employer."""
    contact = Contact(employer_id=employer.id, **_contact_values(employer, data, None))
    db.session.add(contact)
    db.session.commit()
    return contact


def update_contact(contact: Contact, data: Mapping[str, Any], user: User | None) -> Contact:
    for name, value in _contact_values(contact.employer, data, contact).items():
        setattr(contact, name, value)
    db.session.commit()
    return contact


# --- the employer file -------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineFilters:
    """What the timeline shows: one kind (see TIMELINE_KINDS) or all, one counsellor or all,
    entries dated from `start` to `end` inclusive (local dates)."""

    kind: str | None = None
    counsellor_id: int | None = None
    start: date | None = None
    end: date | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.kind, self.counsellor_id, self.start, self.end))

    def describe(self) -> str | None:
        parts = [
            f"{name}={value}"
            for name, value in (
                ("kind", self.kind),
                ("counsellor", self.counsellor_id),
                ("start", self.start),
                ("end", self.end),
            )
            if value is not None
        ]
        return " ".join(parts) or None


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the timeline. `kind` is interaction, visit, placement, follow_up or meeting
    (a follow-up's meetings are filtered with the follow-up kind); `on` is its local date."""

    kind: str
    on: date
    item: Any
    sort_key: tuple = field(compare=False, repr=False)


# The busiest employers have thousands of entries: the page shows the newest ones, and the
# date filters reach the older ones.
TIMELINE_LIMIT = 100
OFFERS_LIMIT = 50


@dataclass
class EmployerFile:
    employer: Employer
    offers: list[Offer]
    timeline: list[TimelineEntry]
    filters: TimelineFilters
    more_offers: bool = False
    more_entries: bool = False


def _date_range(column, filters: TimelineFilters) -> list:
    conditions = []
    if filters.start is not None:
        conditions.append(column >= filters.start)
    if filters.end is not None:
        conditions.append(column <= filters.end)
    return conditions


def _wants(filters: TimelineFilters, kind: str) -> bool:
    return filters.kind in (None, kind)


def item_recorded(item: Any) -> datetime:
    return getattr(item, "created_at", None) or datetime.min


def _timeline(
    employer_id: int, filters: TimelineFilters, limit: int = TIMELINE_LIMIT
) -> list[TimelineEntry]:
    """The newest `limit + 1` entries (one more than shown tells whether there are more)."""
    entries: list[TimelineEntry] = []
    who = filters.counsellor_id

    def add(kind: str, on: date, item: Any, met_at: datetime | None = None) -> None:
        # Newest first: by date, then a meeting's local time (records dated only by a day come
        # first), then by when the record was entered.
        moment = utc_to_local(met_at) if met_at is not None else datetime.min
        entries.append(TimelineEntry(kind, on, item, (on, moment, item_recorded(item), item.id)))

    if _wants(filters, "interaction"):
        query = (
            select(EmployerInteraction)
            .where(
                EmployerInteraction.employer_id == employer_id,
                *_date_range(EmployerInteraction.occurred_on, filters),
            )
            .options(
                joinedload(EmployerInteraction.counsellor),
                joinedload(EmployerInteraction.contact),
            )
        )
        if who:
            query = query.where(EmployerInteraction.counsellor_id == who)
        query = query.order_by(
            EmployerInteraction.occurred_on.desc(), EmployerInteraction.id.desc()
        ).limit(limit + 1)
        for item in db.session.scalars(query):
            add("interaction", item.occurred_on, item)
    if _wants(filters, "visit"):
        query = (
            select(CompanyVisit)
            .where(
                CompanyVisit.employer_id == employer_id,
                *_date_range(CompanyVisit.visited_on, filters),
            )
            .options(
                selectinload(CompanyVisit.counsellors), selectinload(CompanyVisit.participants)
            )
        )
        if who:
            query = query.where(CompanyVisit.counsellors.any(User.id == who))
        query = query.order_by(CompanyVisit.visited_on.desc(), CompanyVisit.id.desc()).limit(
            limit + 1
        )
        for item in db.session.scalars(query):
            add("visit", item.visited_on, item)
    if _wants(filters, "placement"):
        query = (
            select(Placement)
            .where(
                Placement.employer_id == employer_id,
                *_date_range(Placement.starts_on, filters),
            )
            .options(joinedload(Placement.participant), joinedload(Placement.counsellor))
        )
        if who:
            query = query.where(Placement.counsellor_id == who)
        query = query.order_by(Placement.starts_on.desc(), Placement.id.desc()).limit(limit + 1)
        for item in db.session.scalars(query):
            add("placement", item.starts_on, item)
    if _wants(filters, "follow_up"):
        query = (
            select(RetentionFollowUp)
            .where(
                RetentionFollowUp.employer_id == employer_id,
                *_date_range(RetentionFollowUp.opened_on, filters),
            )
            .options(
                joinedload(RetentionFollowUp.participant),
                joinedload(RetentionFollowUp.counsellor),
                joinedload(RetentionFollowUp.subsidy),
            )
        )
        if who:
            query = query.where(RetentionFollowUp.counsellor_id == who)
        query = query.order_by(
            RetentionFollowUp.opened_on.desc(), RetentionFollowUp.id.desc()
        ).limit(limit + 1)
        for item in db.session.scalars(query):
            add("follow_up", item.opened_on, item)
        meetings = (
            select(FollowUpMeeting)
            .join(FollowUpMeeting.follow_up)
            .where(RetentionFollowUp.employer_id == employer_id)
            .options(
                joinedload(FollowUpMeeting.counsellor),
                joinedload(FollowUpMeeting.follow_up).joinedload(RetentionFollowUp.participant),
            )
        )
        if filters.start is not None:
            meetings = meetings.where(FollowUpMeeting.met_at >= local_to_utc(filters.start, time()))
        if filters.end is not None:
            next_day = filters.end + timedelta(days=1)
            meetings = meetings.where(FollowUpMeeting.met_at < local_to_utc(next_day, time()))
        if who:
            meetings = meetings.where(FollowUpMeeting.counsellor_id == who)
        meetings = meetings.order_by(FollowUpMeeting.met_at.desc(), FollowUpMeeting.id.desc())
        for item in db.session.scalars(meetings.limit(limit + 1)):
            add("meeting", utc_to_local(item.met_at).date(), item, met_at=item.met_at)
    entries.sort(key=lambda e: e.sort_key, reverse=True)
    return entries[: limit + 1]


def employer_file(
    employer_id: int, filters: TimelineFilters | None = None, viewer: User | None = None
) -> EmployerFile | None:
    """The employer with its contacts, its offers (newest first) and the merged timeline of its
    activity, newest first, filtered. A `viewer` is written to the audit log first (the file
    names participants). None if there is no such employer."""
    filters = filters or TimelineFilters()
    if viewer is not None:
        if db.session.get(Employer, employer_id) is None:
            return None
        audit(viewer, "view", "employer_file", employer_id, filters.describe())
        db.session.commit()
    employer = db.session.scalar(
        select(Employer)
        .where(Employer.id == employer_id)
        .options(joinedload(Employer.municipality), selectinload(Employer.contacts))
    )
    if employer is None:
        return None
    offers = db.session.scalars(
        select(Offer)
        .where(Offer.employer_id == employer_id)
        .order_by(Offer.created_at.desc(), Offer.id.desc())
        .limit(OFFERS_LIMIT + 1)
    ).all()
    timeline = _timeline(employer_id, filters)
    return EmployerFile(
        employer=employer,
        offers=list(offers[:OFFERS_LIMIT]),
        timeline=timeline[:TIMELINE_LIMIT],
        filters=filters,
        more_offers=len(offers) > OFFERS_LIMIT,
        more_entries=len(timeline) > TIMELINE_LIMIT,
    )
