"""Job offers and their lifecycle history."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Enum, ForeignKey, Index, Numeric, String, Text, and_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .employers import Contact, Employer
from .reference import Municipality, NocUnitGroup
from .users import User


class OfferStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    REJECTED = "rejected"
    FILLED = "filled"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


CLOSED_STATUSES = (OfferStatus.FILLED, OfferStatus.EXPIRED, OfferStatus.WITHDRAWN)


class EmploymentType(enum.IntFlag):
    FULL_TIME = 1
    PART_TIME = 2
    PERMANENT = 4
    TEMPORARY = 8
    SEASONAL = 16


class Schedule(enum.IntFlag):
    DAY = 1
    EVENING = 2
    NIGHT = 4
    WEEKEND = 8
    ROTATION = 16


class SalaryUnit(enum.StrEnum):
    HOUR = "hour"
    WEEK = "week"
    YEAR = "year"


class RecordOpenness(enum.StrEnum):
    """Is the employer open to candidates with a criminal record?"""

    YES = "yes"
    NO = "no"
    DISCUSS = "discuss"


class LanguageRequirement(enum.StrEnum):
    NONE = "none"
    ASSET = "asset"
    REQUIRED = "required"


def flags_of(flag_type: type[enum.IntFlag], value: int) -> list[enum.IntFlag]:
    """The members of a flag set, in declaration order."""
    return [member for member in flag_type if value & member]


class Offer(db.Model):
    __tablename__ = "offer"
    __table_args__ = (
        # The board reads this backwards (newest first) and stops after one page.
        Index("ix_offer_board", "status", "published_at", "id", "expires_on"),
        Index("ix_offer_updated_at", "updated_at"),
        Index("ix_offer_queue", "status", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[OfferStatus] = mapped_column(
        Enum(OfferStatus, native_enum=False, length=20), default=OfferStatus.DRAFT
    )
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id"))
    # Unique per rendered form: a double submit or a retry finds the offer already made.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)

    title: Mapped[str] = mapped_column(String(150))
    title_en: Mapped[str | None] = mapped_column(String(150))
    noc_code: Mapped[str | None] = mapped_column(ForeignKey("noc_unit_group.code"), index=True)
    description: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    tasks: Mapped[str | None] = mapped_column(Text)
    requirements: Mapped[str | None] = mapped_column(Text)

    remote: Mapped[bool] = mapped_column(default=False)
    municipality_code: Mapped[str | None] = mapped_column(
        ForeignKey("municipality.code"), index=True
    )
    address: Mapped[str | None] = mapped_column(String(255))

    employment_types: Mapped[int] = mapped_column(default=0)
    schedules: Mapped[int] = mapped_column(default=0)
    hours_per_week: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    salary_min_cents: Mapped[int | None]
    salary_max_cents: Mapped[int | None]
    salary_unit: Mapped[SalaryUnit | None] = mapped_column(
        Enum(SalaryUnit, native_enum=False, length=10)
    )
    start_date: Mapped[date | None]
    positions: Mapped[int] = mapped_column(default=1)

    apply_email: Mapped[str | None] = mapped_column(String(254))
    apply_url: Mapped[str | None] = mapped_column(String(500))
    apply_phone: Mapped[str | None] = mapped_column(String(30))
    apply_in_person: Mapped[bool] = mapped_column(default=False)
    apply_instructions: Mapped[str | None] = mapped_column(Text)

    other_languages: Mapped[str | None] = mapped_column(String(120))
    other_language_requirement: Mapped[LanguageRequirement] = mapped_column(
        Enum(LanguageRequirement, native_enum=False, length=10), default=LanguageRequirement.NONE
    )
    language_justification: Mapped[str | None] = mapped_column(Text)

    # Matching facts: Échelle québécoise level 1–12; None means not specified.
    french_level_required: Mapped[int | None]
    criminal_record_openness: Mapped[RecordOpenness | None] = mapped_column(
        Enum(RecordOpenness, native_enum=False, length=10)
    )
    wage_subsidy_welcome: Mapped[bool] = mapped_column(default=False)
    transit_accessible: Mapped[bool] = mapped_column(default=False)

    expires_on: Mapped[date]
    submitted_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    renewal_reminder_sent_for: Mapped[date | None]
    # Bumped to revoke every management link sent so far.
    link_version: Mapped[int] = mapped_column(default=1)
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    employer: Mapped[Employer] = relationship()
    contact: Mapped[Contact | None] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    noc: Mapped[NocUnitGroup | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    events: Mapped[list[OfferEvent]] = relationship(
        back_populates="offer", order_by="OfferEvent.id", cascade="all, delete-orphan"
    )

    @staticmethod
    def visible_clause(today: date):
        """The one public visibility rule, in SQL; `is_visible` is the same rule in Python."""
        return and_(Offer.status == OfferStatus.PUBLISHED, Offer.expires_on >= today)

    def is_visible(self, today: date) -> bool:
        return self.status == OfferStatus.PUBLISHED and self.expires_on >= today

    @property
    def employment_type_flags(self) -> list[EmploymentType]:
        return flags_of(EmploymentType, self.employment_types)

    @property
    def schedule_flags(self) -> list[Schedule]:
        return flags_of(Schedule, self.schedules)

    @property
    def salary_min(self) -> Decimal | None:
        return None if self.salary_min_cents is None else Decimal(self.salary_min_cents) / 100

    @property
    def salary_max(self) -> Decimal | None:
        return None if self.salary_max_cents is None else Decimal(self.salary_max_cents) / 100


class OfferEvent(db.Model):
    """One line of an offer's history: who did what, when."""

    __tablename__ = "offer_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(30))
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    by_employer: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)

    offer: Mapped[Offer] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()
