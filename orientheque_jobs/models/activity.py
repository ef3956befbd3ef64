"""The employer file's activity: contacts, company visits, stages and maintien en emploi."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, Enum, ForeignKey, Index, Numeric, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .employers import Contact, Employer
from .participants import Participant, Program
from .users import User


class InteractionKind(enum.StrEnum):
    CALL = "call"
    EMAIL = "email"
    MEETING = "meeting"
    REPRESENTATION = "representation"  # représentation et réseautage
    PARTNER_MEETING = "partner_meeting"  # rencontre avec organismes / partenaires
    WORKSHOP = "workshop"  # intervention en atelier
    EMPLOYER_CONFERENCE = "employer_conference"  # conférence employeur / speed jobbing


class EmployerInteraction(db.Model):
    """Contact avec l'entreprise."""

    __tablename__ = "employer_interaction"
    __table_args__ = (Index("ix_employer_interaction_employer_date", "employer_id", "occurred_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id"))
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    kind: Mapped[InteractionKind] = mapped_column(
        Enum(InteractionKind, native_enum=False, length=30)
    )
    occurred_on: Mapped[date] = mapped_column(index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    next_action: Mapped[str | None] = mapped_column(String(255))
    next_action_due: Mapped[date | None] = mapped_column(index=True)
    next_action_done_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    employer: Mapped[Employer] = relationship()
    contact: Mapped[Contact | None] = relationship()
    counsellor: Mapped[User | None] = relationship()


class VisitPurpose(enum.StrEnum):
    PROSPECTION = "prospection"
    WITH_PARTICIPANTS = "with_participants"
    FOLLOW_UP = "follow_up"


visit_counsellor = Table(
    "visit_counsellor",
    db.metadata,
    Column("visit_id", ForeignKey("company_visit.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user_account.id"), primary_key=True),
)
visit_participant = Table(
    "visit_participant",
    db.metadata,
    Column("visit_id", ForeignKey("company_visit.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("participant.id"), primary_key=True),
)


class CompanyVisit(db.Model):
    """Visite d'entreprise, with the counsellors and the participants who came."""

    __tablename__ = "company_visit"
    __table_args__ = (Index("ix_company_visit_employer_date", "employer_id", "visited_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id"))
    visited_on: Mapped[date] = mapped_column(index=True)
    purpose: Mapped[VisitPurpose] = mapped_column(Enum(VisitPurpose, native_enum=False, length=30))
    notes: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    employer: Mapped[Employer] = relationship()
    counsellors: Mapped[list[User]] = relationship(secondary=visit_counsellor)
    participants: Mapped[list[Participant]] = relationship(
        secondary=visit_participant,
        order_by=(Participant.last_name, Participant.first_name, Participant.id),
    )


class PlacementKind(enum.StrEnum):
    OBSERVATION = "observation"
    PRACTICAL = "practical"


class PlacementStatus(enum.StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    INTERRUPTED = "interrupted"


class Placement(db.Model):
    """Stage d'observation ou pratique."""

    __tablename__ = "placement"
    __table_args__ = (Index("ix_placement_employer_start", "employer_id", "starts_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id"))
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    program: Mapped[Program] = mapped_column(Enum(Program, native_enum=False, length=30))
    kind: Mapped[PlacementKind] = mapped_column(Enum(PlacementKind, native_enum=False, length=20))
    supervisor_name: Mapped[str | None] = mapped_column(String(120))
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date]
    hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 1))
    status: Mapped[PlacementStatus] = mapped_column(
        Enum(PlacementStatus, native_enum=False, length=20), default=PlacementStatus.PLANNED
    )
    interruption_reason: Mapped[str | None] = mapped_column(Text)
    evaluation: Mapped[str | None] = mapped_column(Text)
    job_offered: Mapped[bool | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    participant: Mapped[Participant] = relationship()
    employer: Mapped[Employer] = relationship()
    counsellor: Mapped[User | None] = relationship()


class FollowUpMode(enum.StrEnum):
    BIPARTITE = "bipartite"  # counsellor and worker
    TRIPARTITE = "tripartite"  # counsellor, worker and employer


class FollowUpOutcome(enum.StrEnum):
    STILL_EMPLOYED = "still_employed"
    JOB_LOST = "job_lost"
    NO_NEWS = "no_news"


class RetentionFollowUp(db.Model):
    """Maintien en emploi: accompaniment of a worker after hiring."""

    __tablename__ = "retention_follow_up"
    __table_args__ = (Index("ix_retention_follow_up_employer", "employer_id", "hired_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employer.id"))
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    job_title: Mapped[str] = mapped_column(String(150))
    hired_on: Mapped[date]
    opened_on: Mapped[date] = mapped_column(index=True)
    mode: Mapped[FollowUpMode] = mapped_column(Enum(FollowUpMode, native_enum=False, length=20))
    worker_needs: Mapped[str | None] = mapped_column(Text)
    employer_needs: Mapped[str | None] = mapped_column(Text)
    goals: Mapped[str | None] = mapped_column(Text)
    probation_ends_on: Mapped[date | None] = mapped_column(index=True)
    probation_checked_on: Mapped[date | None]
    probation_note: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None] = mapped_column(index=True)
    outcome: Mapped[FollowUpOutcome | None] = mapped_column(
        Enum(FollowUpOutcome, native_enum=False, length=20)
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    participant: Mapped[Participant] = relationship()
    employer: Mapped[Employer | None] = relationship()
    counsellor: Mapped[User | None] = relationship()
    subsidy: Mapped[WageSubsidy | None] = relationship(
        back_populates="follow_up", cascade="all, delete-orphan", uselist=False
    )
    meetings: Mapped[list[FollowUpMeeting]] = relationship(
        back_populates="follow_up", order_by="FollowUpMeeting.met_at", cascade="all, delete-orphan"
    )

    @property
    def subsidised(self) -> bool:
        return self.subsidy is not None


class WageSubsidy(db.Model):
    """Subvention salariale attached to a follow-up."""

    __tablename__ = "wage_subsidy"

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("retention_follow_up.id"), unique=True)
    measure: Mapped[str] = mapped_column(String(120))
    weeks: Mapped[int]
    percentage: Mapped[int]
    starts_on: Mapped[date]
    ends_on: Mapped[date]

    follow_up: Mapped[RetentionFollowUp] = relationship(back_populates="subsidy")


class MeetingPlace(enum.StrEnum):
    COMPANY = "company"
    OFFICE = "office"
    VIRTUAL = "virtual"
    PHONE = "phone"


class FollowUpMeeting(db.Model):
    """A meeting of a follow-up; its minutes count as direct or indirect intervention time."""

    __tablename__ = "follow_up_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("retention_follow_up.id"), index=True)
    met_at: Mapped[datetime] = mapped_column(index=True)  # UTC
    place: Mapped[MeetingPlace] = mapped_column(Enum(MeetingPlace, native_enum=False, length=20))
    direct_minutes: Mapped[int] = mapped_column(default=0)
    indirect_minutes: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str | None] = mapped_column(Text)
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    follow_up: Mapped[RetentionFollowUp] = relationship(back_populates="meetings")
    counsellor: Mapped[User | None] = relationship()
