"""The offer lifecycle: submit, moderate, edit, close, renew, expire."""

from __future__ import annotations

import smtplib
from collections.abc import Mapping
from datetime import date, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import (
    Contact,
    Employer,
    Offer,
    OfferEvent,
    OfferStatus,
    User,
    fold,
    utcnow,
)
from .clock import local_today
from .links import manage_url
from .mail import send_email
from .reference import guess_noc

OFFER_FIELDS = (
    "title",
    "title_en",
    "noc_code",
    "description",
    "description_en",
    "tasks",
    "requirements",
    "remote",
    "municipality_code",
    "address",
    "employment_types",
    "schedules",
    "hours_per_week",
    "salary_min_cents",
    "salary_max_cents",
    "salary_unit",
    "start_date",
    "positions",
    "apply_email",
    "apply_url",
    "apply_phone",
    "apply_in_person",
    "apply_instructions",
    "other_languages",
    "other_language_requirement",
    "language_justification",
    "french_level_required",
    "criminal_record_openness",
    "wage_subsidy_welcome",
    "transit_accessible",
    "expires_on",
)
EMPLOYER_FIELDS = ("name", "neq", "municipality_code", "website")

EDITABLE_BY_EMPLOYER = (
    OfferStatus.DRAFT,
    OfferStatus.SUBMITTED,
    OfferStatus.PUBLISHED,
    OfferStatus.REJECTED,
)
# A position can be filled once it was published; an offer can be withdrawn until it is closed.
CLOSABLE = {
    OfferStatus.FILLED: (OfferStatus.PUBLISHED, OfferStatus.EXPIRED),
    OfferStatus.WITHDRAWN: (
        OfferStatus.SUBMITTED,
        OfferStatus.PUBLISHED,
        OfferStatus.EXPIRED,
        OfferStatus.REJECTED,
    ),
}
RENEWABLE = (OfferStatus.PUBLISHED, OfferStatus.EXPIRED)
FINAL_STATUSES = (OfferStatus.FILLED, OfferStatus.WITHDRAWN)


class TransitionError(Exception):
    """The action does not apply to the offer in its current state."""


def visible_offers(today: date | None = None):
    """The one public visibility rule as a query: board, feeds, digest and exports use it."""
    return select(Offer).where(Offer.visible_clause(today or local_today()))


def moderation_queue():
    """Submitted offers, oldest first."""
    return (
        select(Offer)
        .where(Offer.status == OfferStatus.SUBMITTED)
        .options(joinedload(Offer.employer))
        .order_by(Offer.submitted_at, Offer.id)
    )


def is_visible(offer: Offer, today: date | None = None) -> bool:
    return offer.is_visible(today or local_today())


def search_text_of(offer: Offer) -> str:
    parts = [offer.title, offer.title_en, offer.description, offer.tasks, offer.requirements]
    if offer.employer is not None:
        parts.append(offer.employer.name)
    return fold(" ".join(p for p in parts if p))


def find_or_create_employer(data: Mapping) -> Employer:
    """The employer with this NEQ, else the one whose contact has this email, else a new one."""
    employer = None
    if data.get("neq"):
        employer = db.session.scalar(select(Employer).where(Employer.neq == data["neq"]))
    if employer is None and data.get("contact_email"):
        employer = db.session.scalar(
            select(Employer)
            .join(Contact)
            .where(Contact.email == data["contact_email"].lower())
            .order_by(Employer.id)
            .limit(1)
        )
    if employer is None:
        employer = Employer(name=data["name"])
        db.session.add(employer)
    for field in EMPLOYER_FIELDS:
        value = data.get(field)
        if value and (field != "neq" or not employer.neq):
            setattr(employer, field, value)
    return employer


def find_or_create_contact(employer: Employer, name: str, email: str, phone: str | None):
    email = email.lower()
    contact = next((c for c in employer.contacts if c.email == email), None)
    if contact is None:
        contact = Contact(employer=employer, email=email, name=name)
        db.session.add(contact)
    contact.name = name
    if phone:
        contact.phone = phone
    return contact


def _record(
    offer: Offer,
    action: str,
    user: User | None = None,
    note: str | None = None,
    by_employer: bool | None = None,
) -> None:
    if by_employer is None:
        by_employer = user is None
    db.session.add(
        OfferEvent(offer=offer, action=action, actor=user, by_employer=by_employer, note=note)
    )


def _apply(offer: Offer, data: Mapping) -> None:
    for field in OFFER_FIELDS:
        if field in data:
            setattr(offer, field, data[field])
    if offer.remote:
        offer.address = None
        offer.transit_accessible = False  # no fixed workplace to reach
    if not offer.noc_code:
        offer.noc_code = guess_noc(offer.title)
    offer.search_text = search_text_of(offer)
    if data.get("channels"):
        # Channel opt-ins from the offer form ({channel: ticked}); the core stores none of them.
        # The plugin owning a channel keeps its own when this save's OfferEvent is flushed.
        offer.channel_choices = dict(data["channels"])


def submit_offer(
    offer_data: Mapping,
    employer_data: Mapping,
    submission_key: str | None,
    user: User | None = None,
    publish: bool = False,
) -> tuple[Offer, bool]:
    """Create an offer from the form; returns (offer, created). A repeated key returns the first."""
    if submission_key:
        existing = db.session.scalar(select(Offer).where(Offer.submission_key == submission_key))
        if existing is not None:
            return existing, False
    employer = find_or_create_employer(employer_data)
    contact = find_or_create_contact(
        employer,
        employer_data["contact_name"],
        employer_data["contact_email"],
        employer_data.get("contact_phone"),
    )
    offer = Offer(employer=employer, contact=contact, submission_key=submission_key)
    offer.created_by = user
    _apply(offer, offer_data)
    offer.status = OfferStatus.SUBMITTED
    offer.submitted_at = utcnow()
    db.session.add(offer)
    _record(offer, "submitted", user)
    if publish:
        _publish(offer, user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        existing = db.session.scalar(select(Offer).where(Offer.submission_key == submission_key))
        if existing is None:
            raise
        return existing, False
    notify_employer(offer, "offer_received", _l("Nous avons reçu votre offre « %(title)s »"))
    return offer, True


def _publish(offer: Offer, user: User | None) -> None:
    offer.status = OfferStatus.PUBLISHED
    offer.published_at = utcnow()
    offer.rejection_reason = None
    _record(offer, "published", user)


def approve(offer: Offer, user: User, data: Mapping | None = None) -> None:
    """Publish a submitted offer, optionally after the counsellor's edits."""
    if offer.status != OfferStatus.SUBMITTED:
        raise TransitionError(offer.status)
    if data:
        _apply(offer, data)
        _record(offer, "edited", user)
    if offer.expires_on < local_today():
        raise TransitionError("expired")
    _publish(offer, user)
    db.session.commit()
    notify_employer(offer, "offer_published", _l("Votre offre « %(title)s » est publiée"))


def reject(offer: Offer, user: User, reason: str) -> None:
    if offer.status != OfferStatus.SUBMITTED:
        raise TransitionError(offer.status)
    offer.status = OfferStatus.REJECTED
    offer.rejection_reason = reason
    _record(offer, "rejected", user, reason)
    db.session.commit()
    notify_employer(offer, "offer_rejected", _l("Votre offre « %(title)s » n'a pas été publiée"))


def update_offer(offer: Offer, data: Mapping, user: User | None = None) -> None:
    """Save edits. An employer's edit sends a published or rejected offer back to moderation."""
    if offer.status not in EDITABLE_BY_EMPLOYER:
        raise TransitionError(offer.status)
    _apply(offer, data)
    _record(offer, "edited", user)
    if user is None and offer.status != OfferStatus.SUBMITTED:
        offer.status = OfferStatus.SUBMITTED
        offer.submitted_at = utcnow()
        _record(offer, "submitted", None)
    db.session.commit()


def close(offer: Offer, status: OfferStatus, user: User | None = None) -> bool:
    """Mark an offer filled or withdrawn; returns False when it already was (double submit)."""
    if offer.status == status:
        return False
    if offer.status not in CLOSABLE[status]:
        raise TransitionError(offer.status)
    offer.status = status
    offer.closed_at = utcnow()
    _record(offer, str(status), user)
    db.session.commit()
    return True


def renewal_bounds(today: date | None = None) -> tuple[date, date]:
    today = today or local_today()
    return today + timedelta(days=1), today + timedelta(
        days=current_app.config["OJ_OFFER_MAX_DAYS"]
    )


def default_expiry(today: date | None = None) -> date:
    return (today or local_today()) + timedelta(days=current_app.config["OJ_OFFER_DEFAULT_DAYS"])


def renew(offer: Offer, user: User | None = None, today: date | None = None) -> date:
    """Re-open a published or expired offer for a new default period from today."""
    if offer.status not in RENEWABLE:
        raise TransitionError(offer.status)
    offer.expires_on = default_expiry(today)
    offer.status = OfferStatus.PUBLISHED
    offer.renewal_reminder_sent_for = None
    _record(offer, "renewed", user)
    db.session.commit()
    return offer.expires_on


def expire_offers(today: date | None = None) -> tuple[list[Offer], list[Offer]]:
    """Unpublish offers past expiry and remind employers of those about to expire.

    Safe to re-run: an offer is reminded once per expiry date, and expired once.
    """
    today = today or local_today()
    expired = db.session.scalars(
        select(Offer).where(Offer.status == OfferStatus.PUBLISHED, Offer.expires_on < today)
    ).all()
    for offer in expired:
        offer.status = OfferStatus.EXPIRED
        offer.closed_at = utcnow()
        _record(offer, "expired", by_employer=False)
    db.session.commit()

    horizon = today + timedelta(days=current_app.config["OJ_RENEWAL_REMINDER_DAYS"])
    due = db.session.scalars(
        select(Offer).where(
            Offer.visible_clause(today),
            Offer.expires_on <= horizon,
            (Offer.renewal_reminder_sent_for.is_(None))
            | (Offer.renewal_reminder_sent_for != Offer.expires_on),
        )
    ).all()
    reminded = []
    for offer in due:
        # Mark first: a crash after the commit loses one reminder rather than sending two.
        offer.renewal_reminder_sent_for = offer.expires_on
        db.session.commit()
        notify_employer(offer, "renewal_reminder", _l("Votre offre « %(title)s » expire bientôt"))
        reminded.append(offer)
    return expired, reminded


def notify_employer(offer: Offer, template: str, subject) -> bool:
    """Email the offer's contact. A mail outage is logged on the offer, never fatal."""
    if offer.contact is None:
        return False
    try:
        with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
            send_email(
                offer.contact.email,
                str(subject) % {"title": offer.title},
                template,
                offer=offer,
                manage_url=manage_url(offer),
            )
    except (OSError, smtplib.SMTPException) as error:
        current_app.logger.warning("Email %s for offer %s failed: %s", template, offer.id, error)
        _record(offer, "email_failed", note=template, by_employer=False)
        db.session.commit()
        return False
    return True


def send_links(email: str, offers: list[Offer]) -> None:
    """Email fresh management links for these offers (the employer lost or let expire theirs)."""
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        send_email(
            email,
            str(_l("Vos liens de gestion d'offres")),
            "manage_links",
            items=[(offer, manage_url(offer)) for offer in offers],
        )
