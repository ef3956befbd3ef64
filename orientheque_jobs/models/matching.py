"""Matching: a participant's matching profile and referrals (jumelages) of participants to offers.

Both are participant data: counsellors and managers only, like the participant file.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, Select, String, Text, UniqueConstraint, func, or_, select
from sqlalchemy.orm import Mapped, aliased, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .offers import Offer
from .participants import Consent, ConsentScope, Participant
from .users import User


class TransportMode(enum.StrEnum):
    CAR = "car"
    TRANSIT = "transit"
    ACTIVE = "active"  # on foot or by bike


class MatchingProfile(db.Model):
    """What a participant looks for and can do, kept by the counsellor with the MATCHING consent.

    The home municipality is the participant's own (`Participant.municipality_code`).
    """

    __tablename__ = "matching_profile"

    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), primary_key=True)
    # Space-separated 5-digit CNP codes.
    desired_noc_codes: Mapped[str] = mapped_column(String(120), default="")
    desired_occupations: Mapped[str | None] = mapped_column(String(500))
    skills: Mapped[str | None] = mapped_column(Text)
    experience: Mapped[str | None] = mapped_column(Text)
    # Échelle québécoise des niveaux de compétence en français, 1–12.
    french_level: Mapped[int | None]
    other_languages: Mapped[str | None] = mapped_column(String(120))
    max_distance_km: Mapped[int | None]
    transport_mode: Mapped[TransportMode] = mapped_column(
        Enum(TransportMode, native_enum=False, length=10), default=TransportMode.CAR
    )
    availability: Mapped[int] = mapped_column(default=0)  # Schedule flags
    employment_types: Mapped[int] = mapped_column(default=0)  # EmploymentType flags; 0 = any
    wage_subsidy_eligible: Mapped[bool] = mapped_column(default=False)
    # Sensitive: kept only with an active SENSITIVE consent, like `Participant.criminal_record`.
    criminal_record_considered: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    participant: Mapped[Participant] = relationship(
        backref=db.backref("matching_profile", uselist=False, cascade="all, delete-orphan")
    )

    @property
    def noc_codes(self) -> list[str]:
        return self.desired_noc_codes.split() if self.desired_noc_codes else []


class ReferralStatus(enum.StrEnum):
    PROPOSED = "proposed"
    SENT = "sent"
    INTERVIEW = "interview"
    HIRED = "hired"
    NOT_RETAINED = "not_retained"
    WITHDRAWN = "withdrawn"


REFERRAL_CLOSED = (ReferralStatus.HIRED, ReferralStatus.NOT_RETAINED, ReferralStatus.WITHDRAWN)


class Referral(db.Model):
    """Jumelage: one participant proposed for one offer, and where it stands."""

    __tablename__ = "referral"
    # One referral per pair: a double submit finds the existing one.
    __table_args__ = (UniqueConstraint("participant_id", "offer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id"), index=True)
    status: Mapped[ReferralStatus] = mapped_column(
        Enum(ReferralStatus, native_enum=False, length=20), default=ReferralStatus.PROPOSED
    )
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("retention_follow_up.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    participant: Mapped[Participant] = relationship()
    offer: Mapped[Offer] = relationship()
    counsellor: Mapped[User | None] = relationship()
    steps: Mapped[list[ReferralStep]] = relationship(
        back_populates="referral", order_by="ReferralStep.id", cascade="all, delete-orphan"
    )

    @property
    def closed(self) -> bool:
        return self.status in REFERRAL_CLOSED


class ReferralStep(db.Model):
    """One status a referral reached, on which date, with the counsellor's note (append-only)."""

    __tablename__ = "referral_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id"), index=True)
    status: Mapped[ReferralStatus] = mapped_column(
        Enum(ReferralStatus, native_enum=False, length=20)
    )
    on: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    referral: Mapped[Referral] = relationship(back_populates="steps")
    recorded_by: Mapped[User | None] = relationship()


def matchable_participants(today: date) -> Select:
    """Ids of participants whose profile may be matched: a profile, the MATCHING consent in
    force (its latest row is a "given"), and a file still open on `today`."""
    row = aliased(Consent)
    latest = (
        select(func.max(row.id))
        .where(row.participant_id == Participant.id, row.scope == ConsentScope.MATCHING)
        .correlate(Participant)
        .scalar_subquery()
    )
    return (
        select(Participant.id)
        .join(MatchingProfile, MatchingProfile.participant_id == Participant.id)
        .join(Consent, Consent.id == latest)
        .where(Consent.given.is_(True))
        .where(or_(Participant.ended_on.is_(None), Participant.ended_on >= today))
    )
