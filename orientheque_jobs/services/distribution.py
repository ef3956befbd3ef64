"""Recording deliveries (`Distribution`) and the daily run of every channel."""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Distribution, DistributionResult, Offer
from ..plugins import manager
from .clock import local_today
from .offers import expire_offers


def record(
    offer_id: int,
    channel: str,
    target: str,
    key: str,
    result: DistributionResult = DistributionResult.SENT,
    detail: str | None = None,
) -> bool:
    """Record a delivery once per `key`, committed at once; False when it was already there."""
    db.session.add(
        Distribution(
            offer_id=offer_id,
            channel=channel,
            target=target,
            key=key,
            result=result,
            detail=detail,
        )
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def already(key: str) -> bool:
    return db.session.scalar(select(Distribution.id).where(Distribution.key == key)) is not None


def distributions_of(offer: Offer, limit: int = 200) -> list[Distribution]:
    """Where and when an offer went out, newest first."""
    return list(
        db.session.scalars(
            select(Distribution)
            .where(Distribution.offer_id == offer.id)
            .order_by(Distribution.at.desc(), Distribution.id.desc())
            .limit(limit)
        )
    )


def daily_run(day: date | None = None, dry_run: bool = False) -> list[str]:
    """Expiry, then every plugin's daily work; each part is safe to run again the same day."""
    day = day or local_today()
    lines = []
    if dry_run:
        lines.append("offers: expiry skipped (dry run)")
    else:
        expired, reminded = expire_offers(day)
        lines.append(f"offers: expired {len(expired)}, reminded {len(reminded)}")
    app = current_app._get_current_object()
    for part in manager(app).hook.oj_daily_run(app=app, day=day, dry_run=dry_run):
        lines.extend(part or ())
    return lines
