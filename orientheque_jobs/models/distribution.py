"""Distributions: one row per offer sent out through a channel to a target (DESIGN §5)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .offers import Offer


class DistributionResult(enum.StrEnum):
    SENT = "sent"  # delivered, or published in a feed or an export
    REMOVED = "removed"  # taken out of a feed or an export
    FAILED = "failed"


class Distribution(db.Model):
    """What went out, where, when, and how it went. `key` makes a delivery happen once."""

    __tablename__ = "distribution"
    __table_args__ = (Index("ix_distribution_offer_at", "offer_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id"))
    channel: Mapped[str] = mapped_column(String(40))
    # Who or what received it: a subscriber id, a feed, an export file (never an email address).
    target: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    result: Mapped[DistributionResult] = mapped_column(
        Enum(DistributionResult, native_enum=False, length=10)
    )
    detail: Mapped[str | None] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(200), unique=True)

    offer: Mapped[Offer] = relationship()
