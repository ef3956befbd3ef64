"""`Distribution` rows of the feeds: when an offer entered them and when it left.

An offer is in the feeds while it is visible. Each publication (its `published_at`) gets a
SENT row when it enters (key `rss:<id>:<published_at>`, the brief's key) and a REMOVED row when
it leaves; a renewal after expiry re-enters under the same publication with a numbered key.
The latest row tells whether the offer is in the feeds, so a repeated event records nothing,
and two processes racing on the same event compute the same key (the unique key decides).
"""

from __future__ import annotations

from sqlalchemy import func, or_, select

from orientheque_jobs.extensions import db
from orientheque_jobs.hookspecs import OfferChange
from orientheque_jobs.models import Distribution, DistributionResult, Offer
from orientheque_jobs.services.clock import local_today
from orientheque_jobs.services.distribution import record

CHANNEL = "rss"
TARGET = "flux public"


def publication_key(offer: Offer) -> str:
    return f"{CHANNEL}:{offer.id}:{offer.published_at.isoformat()}"


def _rows_of(base: str):
    return or_(Distribution.key == base, Distribution.key.startswith(f"{base}:", autoescape=True))


def in_feeds(offer: Offer) -> bool:
    """Whether the latest row recorded for this offer says it is in the feeds."""
    latest = db.session.scalar(
        select(Distribution.result)
        .where(Distribution.offer_id == offer.id, Distribution.channel == CHANNEL)
        .order_by(Distribution.id.desc())
        .limit(1)
    )
    return latest == DistributionResult.SENT


def offer_changed(offer: Offer, change: OfferChange) -> bool:
    """Record the offer entering or leaving the feeds; False when there was nothing to record."""
    if offer.published_at is None:  # never published: never in a feed
        return False
    visible = offer.is_visible(local_today())
    entering = change == OfferChange.PUBLISHED and visible
    # Sent back to moderation by the employer's edit counts as leaving too.
    leaving = change == OfferChange.UNPUBLISHED or (change == OfferChange.CHANGED and not visible)
    if not (entering or leaving) or in_feeds(offer) == entering:
        return False
    base = publication_key(offer)
    count = db.session.scalar(select(func.count(Distribution.id)).where(_rows_of(base))) or 0
    if entering:
        key = base if count == 0 else f"{base}:{count}"
        return record(offer.id, CHANNEL, TARGET, key, DistributionResult.SENT)
    return record(
        offer.id,
        CHANNEL,
        TARGET,
        f"{base}:removed:{count}",
        DistributionResult.REMOVED,
        detail=str(offer.status),
    )
