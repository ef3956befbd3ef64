"""Talents Région data: who opted an offer in, each day's export, and every exported offer.

Tables of this plugin only, created by its own migrations (`plugins/talents_region/migrations`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orientheque_jobs.extensions import db
from orientheque_jobs.models import Offer, User, utcnow


class OptIn(db.Model):
    """The offer goes to Talents Région too: ticked by the employer or by a counsellor."""

    __tablename__ = "talents_region_opt_in"

    offer_id: Mapped[int] = mapped_column(
        ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True
    )
    opted_at: Mapped[datetime] = mapped_column(default=utcnow)
    by_employer: Mapped[bool] = mapped_column(default=False)
    # The counsellor who ticked it; None when the employer did (through the form or the link).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    offer: Mapped[Offer] = relationship()
    user: Mapped[User | None] = relationship()


class ExportRun(db.Model):
    """One export per day; running the same day again replaces it (same row, same files)."""

    __tablename__ = "talents_region_export_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    ran_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    files: Mapped[str] = mapped_column(Text, default="")  # space-separated file names
    offers: Mapped[int] = mapped_column(default=0)
    added: Mapped[int] = mapped_column(default=0)
    changed: Mapped[int] = mapped_column(default=0)
    removed: Mapped[int] = mapped_column(default=0)
    # {reference: fingerprint} of what this export held: the next day's changes are against it.
    snapshot: Mapped[str] = mapped_column(Text, default="{}")


class ExportedItem(db.Model):
    """An offer as the regional platform knows it: stable reference, last content sent."""

    __tablename__ = "talents_region_item"

    offer_id: Mapped[int] = mapped_column(
        ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True
    )
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    first_exported_on: Mapped[date]
    last_exported_on: Mapped[date]
    # The day of the export it left (filled, expired, withdrawn, opted out); None while in it.
    removed_on: Mapped[date | None]

    offer: Mapped[Offer] = relationship()
