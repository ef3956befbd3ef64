"""Which offers go to Talents Région: the employer's or a counsellor's tick on the offer form.

The plugin renders its check box in the offer forms' `offer_form` slot (a hidden
`channels=talents_region` plus the box `channel_talents_region`). The core's forms hand the
posted choices to the offer services (`data["channels"]`), which keep them on the offer being
saved as `offer.channel_choices` and store nothing. This module stores them: when the offer's
history line (`OfferEvent`) is flushed, in the same transaction as the offer itself, so a
submission and its opt-in are saved together or not at all, with who did it (the event's actor,
or the employer).
"""

from __future__ import annotations

from flask import current_app, has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from orientheque_jobs.extensions import db
from orientheque_jobs.models import Offer, OfferEvent, OfferStatus
from orientheque_jobs.plugins import manager

from .models import OptIn

CHANNEL = "talents_region"
FIELD = f"channel_{CHANNEL}"


def opt_in_of(offer: Offer | int | None) -> OptIn | None:
    offer_id = offer.id if isinstance(offer, Offer) else offer
    if offer_id is None:
        return None
    return db.session.scalar(select(OptIn).where(OptIn.offer_id == offer_id))


def is_opted_in(offer: Offer) -> bool:
    """The channel's `takes`: the offer was opted in (visibility is checked by the export)."""
    if offer is None or offer.id is None:
        return False
    found = db.session.scalar(select(OptIn.offer_id).where(OptIn.offer_id == offer.id))
    return found is not None


def set_choice(
    session: Session,
    offer: Offer,
    wanted: bool,
    *,
    by_employer: bool,
    user_id: int | None = None,
) -> bool:
    """Opt the offer in or out (not committed); True when something changed.

    An opt-in already there is kept as it was (first tick, first author) when ticked again.
    """
    existing = None
    if offer.id is not None:
        with session.no_autoflush:
            existing = session.get(OptIn, offer.id)
    if wanted and existing is None:
        session.add(
            OptIn(offer=offer, by_employer=by_employer, user_id=None if by_employer else user_id)
        )
        return True
    if not wanted and existing is not None:
        session.delete(existing)
        return True
    return False


def _active() -> bool:
    """This plugin is loaded in the current app (it may be disabled in another one)."""
    return (
        has_app_context()
        and "oj_plugins" in current_app.extensions
        and manager(current_app).has_plugin(CHANNEL)
    )


@event.listens_for(Session, "before_flush")
def _store_form_choices(session: Session, _context, _instances) -> None:
    offers_events = [obj for obj in session.new if isinstance(obj, OfferEvent)]
    if not offers_events or not _active():
        return
    for history in offers_events:
        offer = history.offer
        choices = getattr(offer, "channel_choices", None) if offer is not None else None
        if not choices or CHANNEL not in choices:
            continue
        wanted = bool(choices.pop(CHANNEL))  # once per save, even with two history lines
        actor = history.actor
        user_id = actor.id if actor is not None else history.actor_user_id
        set_choice(session, offer, wanted, by_employer=history.by_employer, user_id=user_id)


def opt_in_demo_offers(share: int = 3) -> int:
    """Opt every `share`-th published demo offer in, as its employer would; idempotent."""
    offers = db.session.scalars(
        select(Offer).where(Offer.status == OfferStatus.PUBLISHED).order_by(Offer.id)
    ).all()
    chosen = offers[::share]
    for offer in chosen:
        set_choice(db.session, offer, True, by_employer=True)
    db.session.commit()
    return len(chosen)
