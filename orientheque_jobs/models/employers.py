"""Employers (entreprises) and their contact persons."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import fold, utcnow
from .reference import Municipality


class EmployerSize(enum.StrEnum):
    """Number of employees."""

    MICRO = "1-4"
    SMALL = "5-19"
    MEDIUM = "20-99"
    LARGE = "100+"


class Employer(db.Model):
    __tablename__ = "employer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    neq: Mapped[str | None] = mapped_column(String(10), unique=True)
    municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"))
    website: Mapped[str | None] = mapped_column(String(255))
    sector: Mapped[str | None] = mapped_column(String(120))
    size: Mapped[EmployerSize | None] = mapped_column(
        Enum(EmployerSize, native_enum=False, length=10)
    )
    has_hr_department: Mapped[bool | None]
    # `fold` of name and sector, kept by `_fold_employer`, for accent-insensitive search.
    folded_name: Mapped[str] = mapped_column(String(200), default="", index=True)
    folded_sector: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    municipality: Mapped[Municipality | None] = relationship()
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="employer", order_by="Contact.id", cascade="all, delete-orphan"
    )


@event.listens_for(Employer, "before_insert")
@event.listens_for(Employer, "before_update")
def _fold_employer(_mapper, _connection, employer: Employer) -> None:
    employer.folded_name = fold(employer.name)
    employer.folded_sector = fold(employer.sector)


class Contact(db.Model):
    """A person at an employer; work contact data only. `email` is stored lower-case."""

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), index=True)
    phone: Mapped[str | None] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    employer: Mapped[Employer] = relationship(back_populates="contacts")
