"""A participant's matching profile (profil de jumelage), kept by the counsellor.

Rules kept here, not in the views:

- **Consent.** A profile is saved only while the participant's MATCHING consent is active
  (`MatchingConsentRequired` otherwise). Withdrawing that consent deletes the profile
  (`services.participants.record_consent`); the referrals already made stay.
- **Sensitive.** `criminal_record_considered` may be set only while the SENSITIVE consent is
  active (`ConsentRequired` otherwise); withdrawing SENSITIVE resets it to False.
- **Validation.** At most `MAX_NOC_CODES` CNP codes, each a 5-digit code of the reference table
  (duplicates are dropped, order kept); French level 1–12 (Échelle québécoise); distance
  1–300 km; availability among day, evening, night, weekend (no rotation); employment types among
  the `EmploymentType` flags (0 = any type). `InvalidProfile.errors` maps each refused field to a
  French message.
- **Audit.** Creating the profile is a "create", changing it an "update", of the entity
  "participant" (the profile is part of the file); the detail names the fields, never values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import (
    ConsentScope,
    EmploymentType,
    MatchingProfile,
    NocUnitGroup,
    Participant,
    Schedule,
    TransportMode,
    User,
)
from .participants import ConsentRequired, ParticipantError, _audit, active_consent

# The audit detail's `section`, so the journal tells the profile from the file's own fields.
AUDIT_SECTION = "matching_profile"
MAX_NOC_CODES = 5
FRENCH_LEVELS = range(1, 13)  # Échelle québécoise des niveaux de compétence en français
MAX_DISTANCE_KM = 300
AVAILABILITY_FLAGS = (Schedule.DAY, Schedule.EVENING, Schedule.NIGHT, Schedule.WEEKEND)
AVAILABILITY_MASK = sum(int(flag) for flag in AVAILABILITY_FLAGS)
EMPLOYMENT_TYPE_MASK = sum(int(flag) for flag in EmploymentType)
TEXT_LIMITS = {
    "desired_occupations": 500,
    "skills": 5_000,
    "experience": 5_000,
    "other_languages": 120,
}
PROFILE_FIELDS = (
    "desired_noc_codes",
    "desired_occupations",
    "skills",
    "experience",
    "french_level",
    "other_languages",
    "max_distance_km",
    "transport_mode",
    "availability",
    "employment_types",
    "wage_subsidy_eligible",
    "criminal_record_considered",
)
SENSITIVE_PROFILE_FIELDS = ("criminal_record_considered",)
_CODE = re.compile(r"\d{5}")

NOC_TOO_MANY = _l("Choisissez au plus %(max)d professions.", max=MAX_NOC_CODES)
FRENCH_LEVEL_RANGE = _l("Le niveau de français va de 1 à 12 (Échelle québécoise).")
DISTANCE_RANGE = _l("Entre 1 et %(max)d km.", max=MAX_DISTANCE_KM)
INVALID_CHOICE = _l("Choisissez une valeur de la liste.")


def _unknown_codes(codes: list[str]):
    text = ", ".join(codes)
    text = text if len(text) <= 60 else text[:57] + "…"
    return _l("Code CNP inconnu : %(codes)s. Choisissez une profession de la liste.", codes=text)


def _too_long(limit: int):
    return _l("%(max)d caractères au maximum.", max=limit)


class MatchingConsentRequired(ParticipantError):
    """The participant has not given (or has withdrawn) the MATCHING consent."""


class InvalidProfile(ParticipantError):
    """Values the rules refuse; `errors` maps field names to French messages."""

    def __init__(self, errors: Mapping[str, Any]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.errors.items()))


def get_profile(participant: Participant) -> MatchingProfile | None:
    return participant.matching_profile


def can_keep_profile(participant: Participant) -> bool:
    """The MATCHING consent is active: a profile may be kept and used."""
    return active_consent(participant, ConsentScope.MATCHING)


def noc_titles(codes: Iterable[str], locale: str = "fr") -> dict[str, str]:
    """The title of each known CNP code, in `locale`, keyed and ordered like `codes`."""
    codes = list(codes)
    if not codes:
        return {}
    groups = {
        group.code: group.title(locale)
        for group in db.session.scalars(select(NocUnitGroup).where(NocUnitGroup.code.in_(codes)))
    }
    return {code: groups[code] for code in codes if code in groups}


def _codes(value: Any) -> list[str] | None:
    """A list of codes from a space/comma-separated string or an iterable; None if unreadable."""
    if value is None:
        return []
    if isinstance(value, str):
        items = re.split(r"[\s,;]+", value)
    elif isinstance(value, Iterable):
        items = list(value)
    else:
        return None
    codes = []
    for item in items:
        if not isinstance(item, str):
            return None
        item = item.strip()
        if item and item not in codes:
            codes.append(item)
    return codes


def _whole(value: Any) -> int | None:
    """An int from an int or a string of digits; raises ValueError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ValueError(value)


def _clean(data: Mapping) -> tuple[dict, dict]:
    """Column values of the fields present in `data`, and the errors of those refused."""
    values: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    present = {name: data[name] for name in PROFILE_FIELDS if name in data}

    if "desired_noc_codes" in present:
        codes = _codes(present["desired_noc_codes"])
        if codes is None:
            errors["desired_noc_codes"] = INVALID_CHOICE
        elif len(codes) > MAX_NOC_CODES:
            errors["desired_noc_codes"] = NOC_TOO_MANY
        else:
            known = noc_titles([c for c in codes if _CODE.fullmatch(c)])
            unknown = [c for c in codes if c not in known]
            if unknown:
                errors["desired_noc_codes"] = _unknown_codes(unknown)
            else:
                values["desired_noc_codes"] = " ".join(codes)

    for name, limit in TEXT_LIMITS.items():
        if name not in present:
            continue
        value = present[name]
        if value is not None and not isinstance(value, str):
            errors[name] = INVALID_CHOICE
            continue
        value = (value or "").strip() or None
        if value is not None and len(value) > limit:
            errors[name] = _too_long(limit)
        else:
            values[name] = value

    for name, allowed, message in (
        ("french_level", FRENCH_LEVELS, FRENCH_LEVEL_RANGE),
        ("max_distance_km", range(1, MAX_DISTANCE_KM + 1), DISTANCE_RANGE),
    ):
        if name not in present:
            continue
        try:
            number = _whole(present[name])
        except ValueError:
            number = -1
        if number is not None and number not in allowed:
            errors[name] = message
        else:
            values[name] = number

    if "transport_mode" in present:
        try:
            values["transport_mode"] = TransportMode(present["transport_mode"])
        except ValueError:
            errors["transport_mode"] = INVALID_CHOICE

    for name, mask in (
        ("availability", AVAILABILITY_MASK),
        ("employment_types", EMPLOYMENT_TYPE_MASK),
    ):
        if name not in present:
            continue
        try:
            flags = _whole(present[name]) or 0
        except ValueError:
            flags = -1
        if flags < 0 or flags & ~mask:
            errors[name] = INVALID_CHOICE
        else:
            values[name] = flags

    for name in ("wage_subsidy_eligible", "criminal_record_considered"):
        if name in present:
            values[name] = bool(present[name])
    return values, errors


def save_profile(participant: Participant, data: Mapping, user: User | None) -> MatchingProfile:
    """Create or change the participant's profile with the fields present in `data`; commit.

    Raises `MatchingConsentRequired` without an active MATCHING consent, `ConsentRequired` when
    `criminal_record_considered` is set without an active SENSITIVE consent, and
    `InvalidProfile` (field → French message) for refused values. Nothing is saved then.
    """
    if not can_keep_profile(participant):
        raise MatchingConsentRequired(participant.id)
    values, errors = _clean(data)
    refused = [name for name in SENSITIVE_PROFILE_FIELDS if values.get(name)]
    if refused and not active_consent(participant, ConsentScope.SENSITIVE):
        raise ConsentRequired(refused)
    if errors:
        raise InvalidProfile(errors)

    profile = participant.matching_profile
    if profile is None:
        profile = MatchingProfile(
            desired_noc_codes="",
            transport_mode=TransportMode.CAR,
            availability=0,
            employment_types=0,
            wage_subsidy_eligible=False,
            criminal_record_considered=False,
        )
        for name, value in values.items():
            setattr(profile, name, value)
        participant.matching_profile = profile
        filled = [
            name for name in PROFILE_FIELDS if getattr(profile, name) not in (None, "", 0, False)
        ]
        db.session.flush()
        _audit(user, "create", participant.id, {"section": AUDIT_SECTION, "fields": filled})
        db.session.commit()
        return profile

    changed = [name for name, value in values.items() if getattr(profile, name) != value]
    for name in changed:
        setattr(profile, name, values[name])
    if changed:
        _audit(user, "update", participant.id, {"section": AUDIT_SECTION, "fields": changed})
        db.session.commit()
    return profile
