"""LGE digest data: subscriptions, their consent ledger, and one delivery row per day.

Tables of this plugin only, created by its own migrations (`plugins/lge_digest/migrations`).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orientheque_jobs.extensions import db
from orientheque_jobs.models import Participant, User, utcnow


class SubscriptionStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for the double opt-in confirmation
    ACTIVE = "active"
    PAUSED = "paused"  # repeated bounces
    UNSUBSCRIBED = "unsubscribed"


class LedgerAction(enum.StrEnum):
    CONSENT_GIVEN = "consent_given"  # ticked the box, or oral consent recorded by a counsellor
    CONFIRMED = "confirmed"  # double opt-in link followed
    CRITERIA_CHANGED = "criteria_changed"
    UNSUBSCRIBED = "unsubscribed"
    PAUSED = "paused"
    RESUMED = "resumed"


class DeliveryStatus(enum.StrEnum):
    SENDING = "sending"  # claimed; the SMTP hand-off may or may not have happened
    SENT = "sent"
    EMPTY = "empty"  # nothing matched: no email
    FAILED = "failed"  # permanent rejection


class DigestSubscription(db.Model):
    __tablename__ = "lge_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    language: Mapped[str] = mapped_column(String(5), default="fr")
    status: Mapped[SubscriptionStatus] = mapped_column(
        Enum(SubscriptionStatus, native_enum=False, length=20), default=SubscriptionStatus.PENDING
    )
    # Random, secret, never rotated: the unsubscribe and manage links are built from it.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id"), index=True)
    # Criteria (all optional; none at all means every new offer).
    keywords: Mapped[str | None] = mapped_column(String(500))
    noc_codes: Mapped[str] = mapped_column(String(120), default="")  # space-separated
    municipality_codes: Mapped[str] = mapped_column(String(600), default="")  # space-separated
    mrc_codes: Mapped[str] = mapped_column(String(120), default="")  # space-separated
    home_municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"))
    max_distance_km: Mapped[int | None]
    employment_types: Mapped[int] = mapped_column(default=0)  # EmploymentType flags
    schedules: Mapped[int] = mapped_column(default=0)  # Schedule flags
    # The day of the last digest considered: offers published after it are new for this person.
    last_digest_on: Mapped[date | None]
    bounces: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    participant: Mapped[Participant | None] = relationship()
    ledger: Mapped[list[DigestLedgerEntry]] = relationship(
        back_populates="subscription", order_by="DigestLedgerEntry.id"
    )


class DigestLedgerEntry(db.Model):
    """Append-only record of consents, confirmations, criteria changes and unsubscribes."""

    __tablename__ = "lge_ledger"

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("lge_subscription.id"), index=True)
    action: Mapped[LedgerAction] = mapped_column(Enum(LedgerAction, native_enum=False, length=20))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    method: Mapped[str] = mapped_column(String(20))  # electronic, oral, one_click, mailto, bounce
    notice_version: Mapped[str | None] = mapped_column(String(20))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    detail: Mapped[str | None] = mapped_column(Text)

    subscription: Mapped[DigestSubscription] = relationship(back_populates="ledger")
    recorded_by: Mapped[User | None] = relationship()


class DigestDelivery(db.Model):
    """At most one digest per subscriber per day, enforced by the database."""

    __tablename__ = "lge_delivery"
    __table_args__ = (UniqueConstraint("subscription_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("lge_subscription.id"), index=True)
    day: Mapped[date] = mapped_column(index=True)
    status: Mapped[DeliveryStatus] = mapped_column(
        Enum(DeliveryStatus, native_enum=False, length=10)
    )
    offer_ids: Mapped[str] = mapped_column(Text, default="")  # space-separated
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
