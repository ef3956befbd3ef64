"""Participant records: create, update, consents, search, close and delete; every access audited.

Rules kept here, not in the views:

- **Consents are append-only.** Giving or withdrawing a consent adds a `Consent` row (who, when,
  method, notice version); the latest row of a scope decides (`active_consent`).
- **Sensitive fields** (immigration status, criminal record, health limitations) are saved only
  while the SENSITIVE consent is active (`ConsentRequired` otherwise). Withdrawing that consent
  erases the three fields in the same transaction, and resets the matching profile's
  `criminal_record_considered` to False.
- **Matching profile.** It exists only under the MATCHING consent (`services.profiles`).
  Withdrawing MATCHING deletes the profile in the same transaction: the consent covered its
  use, and a profile nobody may use is not kept. Referrals already made stay (they record the
  counsellor's work with an employer, like visits and stages).
- **Audit.** Every read of a participant page, every list of participants, and every creation,
  change, consent and deletion writes an `AuditEntry` (who, what, when) and commits. The detail
  (JSON) names the fields concerned, never their values.
- **Closing vs deleting.** Counsellors close a file by setting `ended_on`. Deleting (a privacy
  officer's answer to a destruction request) is for managers, removes the participant, their
  consents, matching profile and referrals (with their steps; referrals are not reported
  figures), and keeps the audit entries. A participant who appears in company visits, stages or
  maintien-en-emploi follow-ups is *not* deleted: `delete_participant` raises `ParticipantInUse`
  with the counts, and nothing is detached. Those rows are the organisation's record of its
  work with employers (and feed the yearly indicators); silently detaching them would change
  reported figures and could leave a stage or follow-up without its person. The activity must be
  dealt with first.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import (
    AuditEntry,
    Consent,
    ConsentMethod,
    ConsentScope,
    Participant,
    Placement,
    Program,
    Referral,
    RetentionFollowUp,
    Role,
    ServiceGroup,
    User,
    fold,
    visit_participant,
)
from .audit import audit
from .board import Page
from .clock import local_today

ENTITY = "participant"
# Version of the collection notice the participant was given; bump it when the notice changes.
CURRENT_NOTICE_VERSION = "2026-1"
SENSITIVE_FIELDS = ("immigration_status", "criminal_record", "health_limitations")
PARTICIPANT_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "municipality_code",
    "service_group",
    "program",
    "counsellor_id",
    "started_on",
    "ended_on",
    "notes",
    *SENSITIVE_FIELDS,
)
REQUIRED_FIELDS = ("first_name", "last_name", "service_group", "started_on")
PAGE_SIZE = 50
MAX_QUERY_WORDS = 6


class ParticipantError(Exception):
    """A change the rules refuse; the view shows a message."""


class ConsentRequired(ParticipantError):
    """Sensitive data was given without an active SENSITIVE consent."""

    def __init__(self, fields: Iterable[str]) -> None:
        self.fields = tuple(fields)
        super().__init__(", ".join(self.fields))


class InvalidDates(ParticipantError):
    """The participation ends before it starts."""


class ParticipantInUse(ParticipantError):
    """The participant has activity (visits, stages, follow-ups) and cannot be deleted."""

    def __init__(self, activity: Mapping[str, int]) -> None:
        self.activity = dict(activity)
        super().__init__(", ".join(f"{k}: {v}" for k, v in self.activity.items()))


def _audit(user: User | None, action: str, participant_id: int | None, detail=None) -> None:
    """An audit entry whose detail is JSON: field names and counts, never personal data."""
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else None
    audit(user, action, ENTITY, participant_id, text)


def audit_detail(entry: AuditEntry) -> dict | None:
    """The structured detail of one of our entries; None for free text or nothing."""
    if entry.entity != ENTITY or not entry.detail:
        return None
    try:
        detail = json.loads(entry.detail)
    except ValueError:
        return None
    return detail if isinstance(detail, dict) else None


# --- consents ------------------------------------------------------------------------------------


def latest_consent(participant: Participant, scope: ConsentScope) -> Consent | None:
    """The most recent consent row of a scope (given or withdrawn), or None if never asked."""
    for consent in reversed(participant.consents):
        if consent.scope == scope:
            return consent
    return None


def active_consent(participant: Participant, scope: ConsentScope) -> bool:
    """True when the latest row of this scope gives the consent."""
    consent = latest_consent(participant, scope)
    return consent is not None and consent.given


def consent_states(participant: Participant) -> dict[ConsentScope, Consent | None]:
    """The latest row of every scope, in the order of `ConsentScope`."""
    return {scope: latest_consent(participant, scope) for scope in ConsentScope}


def _add_consent(
    participant: Participant,
    scope: ConsentScope,
    given: bool,
    method: ConsentMethod,
    user: User | None,
    notice_version: str,
) -> Consent:
    consent = Consent(
        scope=scope,
        given=given,
        method=method,
        notice_version=notice_version,
        recorded_by_id=user.id if user is not None else None,
    )
    participant.consents.append(consent)
    return consent


def record_consent(
    participant: Participant,
    scope: ConsentScope,
    given: bool,
    method: ConsentMethod,
    user: User | None,
    notice_version: str = CURRENT_NOTICE_VERSION,
) -> Consent:
    """Append a consent given or withdrawn.

    Withdrawing SENSITIVE erases the sensitive fields (and the profile's
    `criminal_record_considered`); withdrawing MATCHING deletes the matching profile.
    """
    consent = _add_consent(participant, ConsentScope(scope), given, method, user, notice_version)
    detail = {"scope": consent.scope.value, "given": given}
    profile = participant.matching_profile
    if consent.scope == ConsentScope.SENSITIVE and not given:
        erased = [name for name in SENSITIVE_FIELDS if getattr(participant, name) is not None]
        for name in SENSITIVE_FIELDS:
            setattr(participant, name, None)
        if profile is not None and profile.criminal_record_considered:
            profile.criminal_record_considered = False
            erased.append("criminal_record_considered")
        if erased:
            detail["erased"] = erased
    if consent.scope == ConsentScope.MATCHING and not given and profile is not None:
        participant.matching_profile = None  # delete-orphan: the row goes in this commit
        detail["profile_deleted"] = True
    _audit(user, "consent", participant.id, detail)
    db.session.commit()
    return consent


# --- create and update ---------------------------------------------------------------------------


def _clean(data: Mapping) -> dict:
    values = {name: data[name] for name in PARTICIPANT_FIELDS if name in data}
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = value.strip() or None
    if values.get("email"):
        values["email"] = values["email"].lower()
    if values.get("service_group") is not None:
        values["service_group"] = ServiceGroup(values["service_group"])
    if values.get("program") is not None:
        values["program"] = Program(values["program"])
    return values


def _check(participant: Participant, values: Mapping, sensitive_allowed: bool) -> None:
    missing = [
        name for name in REQUIRED_FIELDS if values.get(name, getattr(participant, name)) is None
    ]
    if missing:
        raise ParticipantError("missing: " + ", ".join(missing))
    refused = [name for name in SENSITIVE_FIELDS if values.get(name)]
    if refused and not sensitive_allowed:
        raise ConsentRequired(refused)
    started = values.get("started_on", participant.started_on)
    ended = values.get("ended_on", participant.ended_on)
    if started is not None and ended is not None and ended < started:
        raise InvalidDates(ended)


def create_participant(
    data: Mapping,
    user: User,
    consents: Iterable[ConsentScope] = (),
    method: ConsentMethod = ConsentMethod.WRITTEN,
    notice_version: str = CURRENT_NOTICE_VERSION,
) -> Participant:
    """Open a file with the consents collected at intake; sensitive data needs SENSITIVE."""
    scopes = [ConsentScope(scope) for scope in consents]
    values = _clean(data)
    participant = Participant()
    _check(participant, values, ConsentScope.SENSITIVE in scopes)
    for name, value in values.items():
        setattr(participant, name, value)
    for scope in scopes:
        _add_consent(participant, scope, True, method, user, notice_version)
    db.session.add(participant)
    db.session.flush()
    filled = [name for name in PARTICIPANT_FIELDS if getattr(participant, name) is not None]
    detail = {"fields": filled, "consents": [scope.value for scope in scopes]}
    _audit(user, "create", participant.id, detail)
    db.session.commit()
    return participant


def update_participant(participant: Participant, data: Mapping, user: User) -> Participant:
    """Save changes; the audit entry names the fields that changed (never their values)."""
    values = _clean(data)
    _check(participant, values, active_consent(participant, ConsentScope.SENSITIVE))
    changed = [name for name, value in values.items() if getattr(participant, name) != value]
    for name in changed:
        setattr(participant, name, values[name])
    if changed:
        _audit(user, "update", participant.id, {"fields": changed})
        db.session.commit()
    return participant


# --- reading -------------------------------------------------------------------------------------


def get_participant(participant_id: int) -> Participant | None:
    return db.session.get(Participant, participant_id)


def record_view(participant: Participant, user: User) -> None:
    """Audit that `user` was shown the participant's record."""
    _audit(user, "view", participant.id)
    db.session.commit()


def activity_counts(participant: Participant) -> dict[str, int]:
    """How many visits, stages and follow-ups the participant appears in (non-zero only)."""
    counts = {
        "visits": db.session.scalar(
            select(func.count())
            .select_from(visit_participant)
            .where(visit_participant.c.participant_id == participant.id)
        ),
        "placements": db.session.scalar(
            select(func.count(Placement.id)).where(Placement.participant_id == participant.id)
        ),
        "follow_ups": db.session.scalar(
            select(func.count(RetentionFollowUp.id)).where(
                RetentionFollowUp.participant_id == participant.id
            )
        ),
    }
    return {name: n for name, n in counts.items() if n}


def counsellor_choices(current: User | None = None) -> list[User]:
    """Active counsellors by name, plus `current` (an assigned counsellor who left)."""
    users = list(
        db.session.scalars(
            select(User).where(User.role == Role.COUNSELLOR, User.active).order_by(User.name)
        )
    )
    if current is not None and current not in users:
        users.append(current)
    return users


def _paginate(query: Select, page: int, size: int = PAGE_SIZE) -> Page:
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    items = db.session.scalars(query.limit(size).offset((page - 1) * size)).unique().all()
    return Page(items=list(items), total=total or 0, number=page, size=size)


ACTIVE, ENDED = "active", "ended"


@dataclass
class ParticipantFilters:
    """The index's criteria. `counsellor_id` 0 means « without counsellor », None all."""

    q: str = ""
    service_group: ServiceGroup | None = None
    program: Program | None = None
    counsellor_id: int | None = None
    status: str | None = ACTIVE
    page: int = 1
    words: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.words = re.findall(r"\w+", fold(self.q))[:MAX_QUERY_WORDS]


def search_participants(filters: ParticipantFilters, user: User) -> Page:
    """One page of participants matching `filters`, by name; the listing is audited."""
    today = local_today()
    query = select(Participant)
    if filters.service_group is not None:
        query = query.where(Participant.service_group == filters.service_group)
    if filters.program is not None:
        query = query.where(Participant.program == filters.program)
    if filters.counsellor_id == 0:
        query = query.where(Participant.counsellor_id.is_(None))
    elif filters.counsellor_id is not None:
        query = query.where(Participant.counsellor_id == filters.counsellor_id)
    if filters.status == ACTIVE:
        query = query.where(or_(Participant.ended_on.is_(None), Participant.ended_on >= today))
    elif filters.status == ENDED:
        query = query.where(Participant.ended_on < today)
    for word in filters.words:
        query = query.where(Participant.folded_name.contains(word, autoescape=True))
    query = query.options(
        joinedload(Participant.counsellor), joinedload(Participant.municipality)
    ).order_by(Participant.last_name, Participant.first_name, Participant.id)
    page = _paginate(query, filters.page)
    _audit(user, "list", None, {"page": page.number, "shown": len(page.items)})
    db.session.commit()
    return page


# --- deletion ------------------------------------------------------------------------------------


def delete_participant(participant: Participant, user: User) -> None:
    """Delete a participant without activity, with their consents, matching profile and
    referrals (and the referrals' steps); the audit entries stay."""
    if user is None or not user.has_role(Role.MANAGER):
        raise PermissionError("only managers delete participant records")
    activity = activity_counts(participant)
    if activity:
        raise ParticipantInUse(activity)
    participant_id, consents = participant.id, len(participant.consents)
    detail = {"consents_deleted": consents}
    referrals = db.session.scalars(
        select(Referral).where(Referral.participant_id == participant_id)
    ).all()
    for referral in referrals:
        db.session.delete(referral)  # its steps go with it (delete-orphan)
    if referrals:
        detail["referrals_deleted"] = len(referrals)
    if participant.matching_profile is not None:
        participant.matching_profile = None  # delete-orphan
        detail["profile_deleted"] = True
    db.session.flush()
    db.session.delete(participant)
    _audit(user, "delete", participant_id, detail)
    db.session.commit()


# --- the audit log -------------------------------------------------------------------------------


@dataclass
class AuditFilters:
    user_id: int | None = None
    participant_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1


def _utc_start_of(day: date) -> datetime:
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def audit_log(filters: AuditFilters) -> Page:
    """Audit entries matching `filters` (dates are local days, inclusive), newest first."""
    query = select(AuditEntry).options(joinedload(AuditEntry.user))
    if filters.user_id is not None:
        query = query.where(AuditEntry.user_id == filters.user_id)
    if filters.participant_id is not None:
        query = query.where(
            AuditEntry.entity == ENTITY, AuditEntry.entity_id == filters.participant_id
        )
    if filters.date_from is not None:
        query = query.where(AuditEntry.at >= _utc_start_of(filters.date_from))
    if filters.date_to is not None:
        next_day = date.fromordinal(filters.date_to.toordinal() + 1)
        query = query.where(AuditEntry.at < _utc_start_of(next_day))
    return _paginate(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()), filters.page)


def audit_users() -> list[User]:
    """Users who appear in the audit log, for the journal's filter."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.id.in_(select(AuditEntry.user_id).distinct()))
            .order_by(User.name, User.id)
        )
    )
