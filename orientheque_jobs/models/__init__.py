"""The data model; importing this package registers every table on `db.metadata`."""

from .base import fold, utcnow
from .employers import Contact, Employer
from .offers import (
    CLOSED_STATUSES,
    EmploymentType,
    LanguageRequirement,
    Offer,
    OfferEvent,
    OfferStatus,
    SalaryUnit,
    Schedule,
)
from .reference import Municipality, NocExampleTitle, NocUnitGroup
from .users import Role, User

__all__ = [
    "CLOSED_STATUSES",
    "Contact",
    "Employer",
    "EmploymentType",
    "LanguageRequirement",
    "Municipality",
    "NocExampleTitle",
    "NocUnitGroup",
    "Offer",
    "OfferEvent",
    "OfferStatus",
    "Role",
    "SalaryUnit",
    "Schedule",
    "User",
    "fold",
    "utcnow",
]
