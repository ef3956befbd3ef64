"""Participants (job seekers followed by counsellors), their consents, and the audit log.

Participant data is sensitive: only counsellors and managers see it, and every read or change is
written to the audit log.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import fold, utcnow
from .reference import Municipality
from .users import User


class ServiceGroup(enum.StrEnum):
    A = "A"
    B = "B"
    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    D4 = "D4"
    ME = "ME"
    PPE = "PPE"
    ICTE = "ICTE"


class Program(enum.StrEnum):
    FOCUS_CARRIERE = "focus_carriere"
    B50 = "b50"
    NOUVEAU_DEPART = "nouveau_depart"
    MFOR = "mfor"
    ORIENTATION_STAGE = "orientation_stage"
    OTHER = "other"


class ConsentScope(enum.StrEnum):
    SERVICES = "services"  # the participant file itself
    SENSITIVE = "sensitive"  # immigration status, criminal record, health limits
    MATCHING = "matching"  # use of the profile to match offers
    DIGEST = "digest"  # daily email of offers


class ConsentMethod(enum.StrEnum):
    WRITTEN = "written"
    ORAL = "oral"
    ELECTRONIC = "electronic"


class Participant(db.Model):
    __tablename__ = "participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(30))
    municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"))
    service_group: Mapped[ServiceGroup] = mapped_column(
        Enum(ServiceGroup, native_enum=False, length=10)
    )
    program: Mapped[Program | None] = mapped_column(Enum(Program, native_enum=False, length=30))
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    started_on: Mapped[date] = mapped_column(index=True)
    ended_on: Mapped[date | None]
    # Sensitive: optional, kept only with an active SENSITIVE consent.
    immigration_status: Mapped[str | None] = mapped_column(String(120))
    criminal_record: Mapped[str | None] = mapped_column(Text)
    health_limitations: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # `fold` of the full name, kept by `_fold_participant`, for accent-insensitive search.
    folded_name: Mapped[str] = mapped_column(String(161), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    municipality: Mapped[Municipality | None] = relationship()
    counsellor: Mapped[User | None] = relationship()
    consents: Mapped[list[Consent]] = relationship(
        back_populates="participant", order_by="Consent.id", cascade="all, delete-orphan"
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@event.listens_for(Participant, "before_insert")
@event.listens_for(Participant, "before_update")
def _fold_participant(_mapper, _connection, participant: Participant) -> None:
    participant.folded_name = fold(participant.full_name)


class Consent(db.Model):
    """One consent given or withdrawn; append-only (a withdrawal is a new row)."""

    __tablename__ = "consent"
    __table_args__ = (Index("ix_consent_participant_scope", "participant_id", "scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"))
    scope: Mapped[ConsentScope] = mapped_column(Enum(ConsentScope, native_enum=False, length=20))
    given: Mapped[bool]
    method: Mapped[ConsentMethod] = mapped_column(Enum(ConsentMethod, native_enum=False, length=20))
    notice_version: Mapped[str] = mapped_column(String(20))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    participant: Mapped[Participant] = relationship(back_populates="consents")
    recorded_by: Mapped[User | None] = relationship()


class AuditEntry(db.Model):
    """Who read or changed which sensitive record, when. Written by the services, never edited."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))  # view, create, update, delete, export
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None]
    detail: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User | None] = relationship()
