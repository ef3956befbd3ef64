"""The employer file's activity: contacts with employers, company visits, stages (placements) and
maintien en emploi follow-ups with their wage subsidy and meetings.

Every function checks the business rules *before* changing anything; a broken rule raises
`ActivityError` (a `ValueError`) whose `errors` map a field name — the same name as the form
field and the `data` key — to a French message. Nothing is written when it is raised.
Dates are the organisation's local dates; a meeting's local date and time are stored as UTC.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select, update
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import (
    CompanyVisit,
    Contact,
    Employer,
    EmployerInteraction,
    FollowUpMeeting,
    FollowUpMode,
    FollowUpOutcome,
    InteractionKind,
    MeetingPlace,
    Participant,
    Placement,
    PlacementKind,
    PlacementStatus,
    Program,
    Referral,
    ReferralStatus,
    RetentionFollowUp,
    Role,
    User,
    VisitPurpose,
    WageSubsidy,
)
from .audit import audit
from .clock import local_today

# Sanity bounds: nothing in the file happened before this, nor is planned further than this.
EARLIEST = date(2000, 1, 1)
PLANNING_HORIZON_DAYS = 2 * 366
MAX_PLACEMENT_DAYS = 366
MAX_PLACEMENT_HOURS = Decimal(5000)
MAX_PROBATION_DAYS = 2 * 366
MAX_SUBSIDY_WEEKS = 156
MAX_MEETING_MINUTES = 12 * 60
MAX_VISIT_PARTICIPANTS = 100
# Participants offered in the selects: current ones and those who left less than this ago.
PARTICIPANT_RECENT_DAYS = 365

PLACEMENT_TRANSITIONS: dict[PlacementStatus, frozenset[PlacementStatus]] = {
    PlacementStatus.PLANNED: frozenset(PlacementStatus),
    PlacementStatus.ONGOING: frozenset(
        {PlacementStatus.ONGOING, PlacementStatus.COMPLETED, PlacementStatus.INTERRUPTED}
    ),
    # A completed stage is final; an interrupted one may resume.
    PlacementStatus.COMPLETED: frozenset({PlacementStatus.COMPLETED}),
    PlacementStatus.INTERRUPTED: frozenset({PlacementStatus.INTERRUPTED, PlacementStatus.ONGOING}),
}

REQUIRED = _l("Ce champ est obligatoire.")
INVALID_CHOICE = _l("Choisissez une valeur de la liste.")
UNKNOWN_PARTICIPANT = _l("Choisissez un participant de la liste.")
UNKNOWN_COUNSELLOR = _l("Choisissez une conseillère ou un conseiller de la liste.")
TOO_OLD = _l("Cette date est trop ancienne.")
TOO_FAR = _l("Cette date est trop éloignée.")
NOT_FUTURE = _l("Cette date ne peut pas être dans le futur.")
CLOSED = _l("Ce suivi est fermé; il ne peut plus être modifié.")


class RuleError(ValueError):
    """Input breaks a business rule. `errors` maps field names to French messages."""

    def __init__(self, errors: Mapping[str, Any]) -> None:
        self.errors = dict(errors)
        super().__init__(self.errors)

    def __str__(self) -> str:
        return "; ".join(f"{field}: {message}" for field, message in self.errors.items())


class ActivityError(RuleError):
    """A rule of an interaction, visit, stage or follow-up is broken."""


class Errors(dict):
    """Collects the first message of each field, then raises them all at once."""

    def add(self, field: str, message) -> None:
        self.setdefault(field, message)

    def raise_if_any(self, error_class: type[RuleError] = ActivityError) -> None:
        if self:
            raise error_class(self)


# --- look-ups for the forms --------------------------------------------------------------------


def counsellor_options(include_ids: Iterable[int] = (), *, everyone: bool = False) -> list[User]:
    """Counsellors by name: the active ones plus `include_ids` (already chosen, maybe inactive
    now), or `everyone` (for filters over past activity)."""
    query = select(User).where(User.role == Role.COUNSELLOR).order_by(User.name, User.id)
    if not everyone:
        include = [i for i in include_ids if i]
        condition = User.active.is_(True)
        if include:
            condition = or_(condition, User.id.in_(include))
        query = query.where(condition)
    return list(db.session.scalars(query))


def participant_options(include_ids: Iterable[int] = (), today: date | None = None) -> list:
    """(id, first_name, last_name) of current participants and of those who left recently,
    plus the given ones, by last name."""
    today = today or local_today()
    include = [i for i in include_ids if i]
    condition = or_(
        Participant.ended_on.is_(None),
        Participant.ended_on >= today - timedelta(days=PARTICIPANT_RECENT_DAYS),
    )
    if include:
        condition = or_(condition, Participant.id.in_(include))
    return list(
        db.session.execute(
            select(Participant.id, Participant.first_name, Participant.last_name)
            .where(condition)
            .order_by(Participant.last_name, Participant.first_name, Participant.id)
        )
    )


def employer_options() -> list:
    """(id, name) of every employer, by name; for the follow-up's employer select."""
    return list(db.session.execute(select(Employer.id, Employer.name).order_by(Employer.name)))


# --- shared checks -----------------------------------------------------------------------------


def _today() -> date:
    return local_today()


def _check_date(
    errors: Errors,
    field: str,
    value: date | None,
    *,
    required: bool = True,
    past_only: bool = False,
    today: date,
) -> None:
    if value is None:
        if required:
            errors.add(field, REQUIRED)
        return
    if value < EARLIEST:
        errors.add(field, TOO_OLD)
    elif past_only and value > today:
        errors.add(field, NOT_FUTURE)
    elif value > today + timedelta(days=PLANNING_HORIZON_DAYS):
        errors.add(field, TOO_FAR)


def _enum(errors: Errors, field: str, enum_type, value, *, required: bool = True):
    if value in (None, ""):
        if required:
            errors.add(field, REQUIRED)
        return None
    try:
        return enum_type(value)
    except ValueError:
        errors.add(field, INVALID_CHOICE)
        return None


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _participant(errors: Errors, field: str, participant_id, *, required: bool = True):
    if not participant_id:
        if required:
            errors.add(field, REQUIRED)
        return None
    participant = _get(Participant, participant_id)
    if participant is None:
        errors.add(field, UNKNOWN_PARTICIPANT)
    return participant


def _counsellor(errors: Errors, field: str, user_id, *, keep: Iterable[int] = ()):
    """A counsellor account, active unless it is one already recorded (`keep`)."""
    if not user_id:
        return None
    user = _get(User, user_id)
    if user is None or user.role != Role.COUNSELLOR or not (user.active or user.id in set(keep)):
        errors.add(field, UNKNOWN_COUNSELLOR)
        return None
    return user


def _get(model, item_id):
    try:
        item_id = int(item_id)
    except (TypeError, ValueError):
        return None
    if not 0 < item_id < 2**31:
        return None
    return db.session.get(model, item_id)


def _count(value, field: str, errors: Errors, low: int, high: int, message) -> int | None:
    if value is None:
        errors.add(field, REQUIRED)
        return None
    if not low <= value <= high:
        errors.add(field, message)
        return None
    return int(value)


def local_to_utc(day: date, at: time) -> datetime:
    """A local (America/Montreal) date and time as the naive UTC datetime we store."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    moment = datetime.combine(day, at.replace(tzinfo=None), tzinfo=zone)
    return moment.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def utc_to_local(moment: datetime) -> datetime:
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)


# --- contacts with the employer ----------------------------------------------------------------


def record_interaction(
    employer: Employer,
    data: Mapping[str, Any],
    user: User | None,
    interaction: EmployerInteraction | None = None,
) -> EmployerInteraction:
    """Record a contact with the employer (or correct `interaction`).

    data: kind, occurred_on, counsellor_id, contact_id, notes, next_action, next_action_due."""
    today = _today()
    errors = Errors()
    kind = _enum(errors, "kind", InteractionKind, data.get("kind"))
    occurred_on = data.get("occurred_on")
    _check_date(errors, "occurred_on", occurred_on, past_only=True, today=today)
    keep = [interaction.counsellor_id] if interaction and interaction.counsellor_id else []
    counsellor = _counsellor(errors, "counsellor_id", data.get("counsellor_id"), keep=keep)
    contact = None
    if data.get("contact_id"):
        contact = _get(Contact, data["contact_id"])
        if contact is None or contact.employer_id != employer.id:
            errors.add("contact_id", _l("Choisissez une personne-ressource de cet employeur."))
    next_action = _text(data.get("next_action"))
    due = data.get("next_action_due")
    if next_action and due is None:
        errors.add("next_action_due", _l("Indiquez l'échéance de la suite à donner."))
    if due is not None and not next_action:
        errors.add("next_action", _l("Décrivez la suite à donner."))
    _check_date(errors, "next_action_due", due, required=False, today=today)
    if due is not None and occurred_on is not None and due < occurred_on:
        errors.add("next_action_due", _l("L'échéance ne peut pas précéder la date du contact."))
    errors.raise_if_any()

    created = interaction is None
    if created:
        interaction = EmployerInteraction(employer_id=employer.id)
        db.session.add(interaction)
    elif (next_action, due) != (interaction.next_action, interaction.next_action_due):
        interaction.next_action_done_on = None  # a new or moved next action is to do again
    interaction.kind = kind
    interaction.occurred_on = occurred_on
    interaction.counsellor = counsellor
    interaction.contact = contact
    interaction.notes = _text(data.get("notes"))
    interaction.next_action = next_action
    interaction.next_action_due = due
    db.session.commit()
    return interaction


def complete_next_action(
    interaction: EmployerInteraction, user: User | None, on: date | None = None
) -> EmployerInteraction:
    """Mark the interaction's next action done (today by default); doing it twice changes
    nothing."""
    if not interaction.next_action:
        raise ActivityError({"next_action": _l("Ce contact n'a pas de suite à donner.")})
    if interaction.next_action_done_on is None:
        interaction.next_action_done_on = on or _today()
        db.session.commit()
    return interaction


# --- company visits ----------------------------------------------------------------------------


def record_visit(
    employer: Employer,
    data: Mapping[str, Any],
    user: User | None,
    visit: CompanyVisit | None = None,
) -> CompanyVisit:
    """Record a company visit (or correct `visit`) with its counsellors and participants.

    data: visited_on, purpose, counsellor_ids, participant_ids, notes, follow_up."""
    today = _today()
    errors = Errors()
    _check_date(errors, "visited_on", data.get("visited_on"), today=today)
    purpose = _enum(errors, "purpose", VisitPurpose, data.get("purpose"))
    keep = {c.id for c in visit.counsellors} if visit else set()
    counsellor_ids = list(dict.fromkeys(data.get("counsellor_ids") or ()))
    counsellors = []
    for user_id in counsellor_ids:
        counsellor = _counsellor(errors, "counsellor_ids", user_id, keep=keep)
        if counsellor is not None:
            counsellors.append(counsellor)
    if not counsellor_ids:
        errors.add("counsellor_ids", _l("Choisissez au moins une conseillère ou un conseiller."))
    participant_ids = list(dict.fromkeys(data.get("participant_ids") or ()))
    participants = []
    if len(participant_ids) > MAX_VISIT_PARTICIPANTS:
        errors.add(
            "participant_ids",
            _l("%(count)d participants au maximum.", count=MAX_VISIT_PARTICIPANTS),
        )
        participant_ids = []
    for participant_id in participant_ids:
        participant = _participant(errors, "participant_ids", participant_id)
        if participant is not None:
            participants.append(participant)
    if purpose == VisitPurpose.WITH_PARTICIPANTS and not participant_ids:
        errors.add(
            "participant_ids", _l("Une visite avec participants doit en nommer au moins un.")
        )
    errors.raise_if_any()

    created = visit is None
    had_participants = bool(visit and visit.participants)
    if created:
        visit = CompanyVisit(employer_id=employer.id)
        db.session.add(visit)
    visit.visited_on = data["visited_on"]
    visit.purpose = purpose
    visit.counsellors = counsellors
    visit.participants = participants
    visit.notes = _text(data.get("notes"))
    visit.follow_up = _text(data.get("follow_up"))
    db.session.flush()
    if participants or had_participants:
        audit(
            user,
            "create" if created else "update",
            "company_visit",
            visit.id,
            "participants: " + ",".join(str(p.id) for p in participants),
        )
    db.session.commit()
    return visit


# --- stages ------------------------------------------------------------------------------------


def _placement_values(
    data: Mapping[str, Any], placement: Placement | None, today: date
) -> dict[str, Any]:
    errors = Errors()
    participant = _participant(errors, "participant_id", data.get("participant_id"))
    program = _enum(errors, "program", Program, data.get("program"))
    kind = _enum(errors, "kind", PlacementKind, data.get("kind"))
    status = _enum(errors, "status", PlacementStatus, data.get("status") or "planned")
    keep = [placement.counsellor_id] if placement and placement.counsellor_id else []
    counsellor = _counsellor(errors, "counsellor_id", data.get("counsellor_id"), keep=keep)
    starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
    _check_date(errors, "starts_on", starts_on, today=today)
    _check_date(errors, "ends_on", ends_on, today=today)
    if starts_on and ends_on:
        if ends_on < starts_on:
            errors.add(
                "ends_on", _l("La date de fin doit être égale ou postérieure à la date de début.")
            )
        elif (ends_on - starts_on).days > MAX_PLACEMENT_DAYS:
            errors.add("ends_on", _l("Un stage dure au plus un an."))
    hours = data.get("hours")
    if hours is not None:
        hours = Decimal(str(hours))
        if not hours.is_finite() or hours < 0:
            errors.add("hours", _l("Le nombre d'heures ne peut pas être négatif."))
        elif hours > MAX_PLACEMENT_HOURS:
            errors.add("hours", _l("5 000 heures au maximum."))
        else:
            hours = hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)  # Numeric(6, 1)
            if starts_on and ends_on and ends_on >= starts_on:
                if hours > 24 * ((ends_on - starts_on).days + 1):
                    errors.add("hours", _l("Ce nombre d'heures dépasse la durée du stage."))
    reason = _text(data.get("interruption_reason"))
    if status is not None:
        if placement is not None and status not in PLACEMENT_TRANSITIONS[placement.status]:
            errors.add(
                "status",
                _l("Un stage terminé ne change plus d'état.")
                if placement.status == PlacementStatus.COMPLETED
                else _l("Un stage interrompu ne peut que reprendre (en cours)."),
            )
        if status == PlacementStatus.INTERRUPTED and not reason:
            errors.add("interruption_reason", _l("Indiquez le motif de l'interruption."))
        if status == PlacementStatus.ONGOING and starts_on and starts_on > today:
            errors.add("starts_on", _l("Un stage en cours a déjà commencé."))
        if status == PlacementStatus.COMPLETED and ends_on and ends_on > today:
            errors.add("ends_on", _l("Un stage terminé ne peut pas finir dans le futur."))
    errors.raise_if_any()
    return {
        "participant": participant,
        "program": program,
        "kind": kind,
        "status": status,
        "counsellor": counsellor,
        "supervisor_name": _text(data.get("supervisor_name")),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "hours": hours,
        "interruption_reason": reason if status == PlacementStatus.INTERRUPTED else None,
        "evaluation": _text(data.get("evaluation")),
        "job_offered": data.get("job_offered"),
    }


def create_placement(employer: Employer, data: Mapping[str, Any], user: User | None) -> Placement:
    """Record a stage at the employer.

    data: participant_id, program, kind, counsellor_id, supervisor_name, starts_on, ends_on,
    hours, status (planned by default), interruption_reason, evaluation, job_offered."""
    values = _placement_values(data, None, _today())
    placement = Placement(employer_id=employer.id, **values)
    db.session.add(placement)
    db.session.flush()
    audit(user, "create", "placement", placement.id)
    db.session.commit()
    return placement


def update_placement(placement: Placement, data: Mapping[str, Any], user: User | None) -> Placement:
    """Change a stage; its status follows `PLACEMENT_TRANSITIONS`."""
    values = _placement_values(data, placement, _today())
    for name, value in values.items():
        setattr(placement, name, value)
    audit(user, "update", "placement", placement.id)
    db.session.commit()
    return placement


# --- maintien en emploi ------------------------------------------------------------------------


def _follow_up_values(
    data: Mapping[str, Any], follow_up: RetentionFollowUp | None, today: date
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    errors = Errors()
    participant = _participant(errors, "participant_id", data.get("participant_id"))
    employer = None
    if data.get("employer_id"):
        employer = _get(Employer, data["employer_id"])
        if employer is None:
            errors.add("employer_id", _l("Choisissez un employeur de la liste."))
    mode = _enum(errors, "mode", FollowUpMode, data.get("mode"))
    if mode == FollowUpMode.TRIPARTITE and not data.get("employer_id"):
        errors.add(
            "employer_id",
            _l("Un suivi tripartite se fait avec l'employeur : choisissez l'employeur."),
        )
    keep = [follow_up.counsellor_id] if follow_up and follow_up.counsellor_id else []
    counsellor = _counsellor(errors, "counsellor_id", data.get("counsellor_id"), keep=keep)
    job_title = _text(data.get("job_title"))
    if not job_title:
        errors.add("job_title", REQUIRED)
    elif len(job_title) > 150:
        errors.add("job_title", _l("150 caractères au maximum."))
    hired_on = data.get("hired_on")
    _check_date(errors, "hired_on", hired_on, today=today)
    opened_on = data.get("opened_on") or (follow_up.opened_on if follow_up else today)
    _check_date(errors, "opened_on", opened_on, past_only=True, today=today)
    probation_ends_on = data.get("probation_ends_on")
    _check_date(errors, "probation_ends_on", probation_ends_on, required=False, today=today)
    if probation_ends_on and hired_on:
        if probation_ends_on <= hired_on:
            errors.add(
                "probation_ends_on", _l("La fin de la probation doit suivre la date d'embauche.")
            )
        elif (probation_ends_on - hired_on).days > MAX_PROBATION_DAYS:
            errors.add("probation_ends_on", _l("Une probation dure au plus deux ans."))
    subsidy = None
    if data.get("subsidised"):
        subsidy = _subsidy_values(data, hired_on, errors, today)
    errors.raise_if_any()
    values = {
        "participant": participant,
        "employer": employer,
        "counsellor": counsellor,
        "mode": mode,
        "job_title": job_title,
        "hired_on": hired_on,
        "opened_on": opened_on,
        "probation_ends_on": probation_ends_on,
        "worker_needs": _text(data.get("worker_needs")),
        "employer_needs": _text(data.get("employer_needs")),
        "goals": _text(data.get("goals")),
    }
    return values, subsidy


def _subsidy_values(
    data: Mapping[str, Any], hired_on: date | None, errors: Errors, today: date
) -> dict[str, Any]:
    measure = _text(data.get("subsidy_measure"))
    if not measure:
        errors.add("subsidy_measure", _l("Indiquez la mesure de subvention."))
    elif len(measure) > 120:
        errors.add("subsidy_measure", _l("120 caractères au maximum."))
    weeks = _count(
        data.get("subsidy_weeks"),
        "subsidy_weeks",
        errors,
        1,
        MAX_SUBSIDY_WEEKS,
        _l("Le nombre de semaines doit être entre 1 et %(max)d.", max=MAX_SUBSIDY_WEEKS),
    )
    percentage = _count(
        data.get("subsidy_percentage"),
        "subsidy_percentage",
        errors,
        1,
        100,
        _l("Le pourcentage doit être entre 1 et 100."),
    )
    starts_on, ends_on = data.get("subsidy_starts_on"), data.get("subsidy_ends_on")
    _check_date(errors, "subsidy_starts_on", starts_on, today=today)
    _check_date(errors, "subsidy_ends_on", ends_on, today=today)
    if starts_on and ends_on and ends_on < starts_on:
        errors.add(
            "subsidy_ends_on",
            _l("La fin de la subvention doit être égale ou postérieure à son début."),
        )
    if starts_on and hired_on and starts_on < hired_on:
        errors.add("subsidy_starts_on", _l("La subvention ne peut pas commencer avant l'embauche."))
    return {
        "measure": measure,
        "weeks": weeks,
        "percentage": percentage,
        "starts_on": starts_on,
        "ends_on": ends_on,
    }


def _apply_subsidy(follow_up: RetentionFollowUp, values: dict[str, Any] | None) -> None:
    if values is None:
        follow_up.subsidy = None  # delete-orphan removes the row
    elif follow_up.subsidy is None:
        follow_up.subsidy = WageSubsidy(**values)
    else:
        for name, value in values.items():
            setattr(follow_up.subsidy, name, value)


REFERRAL_NOT_HIRED = _l(
    "Ce jumelage n'a pas mené à une embauche : le suivi ne peut pas y être lié."
)
REFERRAL_LINKED = _l("Ce jumelage est déjà lié à un suivi de maintien en emploi.")


def _hired_referral(referral_id, participant: Participant) -> Referral | None:
    """The referral a new follow-up comes from: hired, not linked yet, of the same person."""
    if referral_id in (None, ""):
        return None
    errors = Errors()
    referral = _get(Referral, referral_id)
    if referral is None or referral.status != ReferralStatus.HIRED:
        errors.add("referral_id", REFERRAL_NOT_HIRED)
    elif referral.follow_up_id is not None:
        errors.add("referral_id", REFERRAL_LINKED)
    elif referral.participant_id != participant.id:
        errors.add("participant_id", _l("Choisissez la personne embauchée grâce à ce jumelage."))
    errors.raise_if_any()
    return referral


def open_follow_up(data: Mapping[str, Any], user: User | None) -> RetentionFollowUp:
    """Open a maintien en emploi follow-up.

    data: participant_id, employer_id (required when tripartite), counsellor_id, job_title,
    hired_on, opened_on (today by default), mode, worker_needs, employer_needs, goals,
    probation_ends_on, subsidised and, when subsidised, subsidy_measure, subsidy_weeks,
    subsidy_percentage, subsidy_starts_on, subsidy_ends_on; referral_id links the hired
    referral (jumelage) it comes from, which must be the same participant's."""
    values, subsidy = _follow_up_values(data, None, _today())
    referral = _hired_referral(data.get("referral_id"), values["participant"])
    follow_up = RetentionFollowUp(**values)
    _apply_subsidy(follow_up, subsidy)
    db.session.add(follow_up)
    db.session.flush()
    audit(user, "create", "retention_follow_up", follow_up.id)
    if referral is not None:
        # Only if still unlinked: a double submit or a colleague may have linked it meanwhile.
        linked = db.session.execute(
            update(Referral)
            .where(Referral.id == referral.id, Referral.follow_up_id.is_(None))
            .values(follow_up_id=follow_up.id)
        ).rowcount
        if not linked:
            db.session.rollback()
            raise ActivityError({"referral_id": REFERRAL_LINKED})
        audit(user, "update", "referral", referral.id, f"follow_up: {follow_up.id}")
    db.session.commit()
    return follow_up


def _refuse_if_closed(follow_up: RetentionFollowUp) -> None:
    if follow_up.closed_on is not None:
        raise ActivityError({"form": CLOSED})


def update_follow_up(
    follow_up: RetentionFollowUp, data: Mapping[str, Any], user: User | None
) -> RetentionFollowUp:
    """Change an open follow-up (same data as `open_follow_up`); unticking `subsidised`
    removes the wage subsidy."""
    _refuse_if_closed(follow_up)
    today = _today()
    values, subsidy = _follow_up_values(data, follow_up, today)
    errors = Errors()
    first_meeting = min((m.met_at for m in follow_up.meetings), default=None)
    if first_meeting is not None and utc_to_local(first_meeting).date() < values["opened_on"]:
        errors.add("opened_on", _l("Le suivi ne peut pas s'ouvrir après sa première rencontre."))
    errors.raise_if_any()
    for name, value in values.items():
        setattr(follow_up, name, value)
    _apply_subsidy(follow_up, subsidy)
    audit(user, "update", "retention_follow_up", follow_up.id)
    db.session.commit()
    return follow_up


def add_meeting(
    follow_up: RetentionFollowUp, data: Mapping[str, Any], user: User | None
) -> FollowUpMeeting:
    """Add a meeting to an open follow-up.

    data: met_on and met_time (local), place, direct_minutes, indirect_minutes, notes,
    counsellor_id. Minutes are 0 or more, and not both 0."""
    _refuse_if_closed(follow_up)
    today = _today()
    errors = Errors()
    met_on, met_time = data.get("met_on"), data.get("met_time")
    _check_date(errors, "met_on", met_on, today=today)
    if met_on and met_on < follow_up.opened_on:
        errors.add("met_on", _l("La rencontre ne peut pas précéder l'ouverture du suivi."))
    if met_time is None:
        errors.add("met_time", REQUIRED)
    place = _enum(errors, "place", MeetingPlace, data.get("place"))
    minutes = {}
    for field in ("direct_minutes", "indirect_minutes"):
        value = data.get(field) or 0
        if value < 0:
            errors.add(field, _l("La durée ne peut pas être négative."))
        elif value > MAX_MEETING_MINUTES:
            errors.add(field, _l("%(max)d minutes au maximum.", max=MAX_MEETING_MINUTES))
        minutes[field] = int(value)
    if not errors.keys() & minutes.keys() and not any(minutes.values()):
        errors.add(
            "direct_minutes",
            _l("Indiquez la durée de l'intervention : directe, indirecte ou les deux."),
        )
    counsellor = _counsellor(errors, "counsellor_id", data.get("counsellor_id"))
    errors.raise_if_any()
    meeting = FollowUpMeeting(
        follow_up=follow_up,
        met_at=local_to_utc(met_on, met_time),
        place=place,
        notes=_text(data.get("notes")),
        counsellor=counsellor,
        **minutes,
    )
    db.session.add(meeting)
    db.session.flush()
    audit(user, "create", "follow_up_meeting", meeting.id)
    db.session.commit()
    return meeting


def check_probation(
    follow_up: RetentionFollowUp, data: Mapping[str, Any], user: User | None
) -> RetentionFollowUp:
    """Record the end-of-probation check. data: probation_checked_on, probation_note."""
    _refuse_if_closed(follow_up)
    errors = Errors()
    checked_on = data.get("probation_checked_on")
    _check_date(errors, "probation_checked_on", checked_on, past_only=True, today=_today())
    if checked_on and checked_on < follow_up.hired_on:
        errors.add("probation_checked_on", _l("La vérification ne peut pas précéder l'embauche."))
    errors.raise_if_any()
    follow_up.probation_checked_on = checked_on
    follow_up.probation_note = _text(data.get("probation_note"))
    audit(user, "update", "retention_follow_up", follow_up.id, "probation")
    db.session.commit()
    return follow_up


def close_follow_up(
    follow_up: RetentionFollowUp, data: Mapping[str, Any], user: User | None
) -> RetentionFollowUp:
    """Close the follow-up with its outcome. data: closed_on, outcome."""
    _refuse_if_closed(follow_up)
    errors = Errors()
    closed_on = data.get("closed_on")
    _check_date(errors, "closed_on", closed_on, past_only=True, today=_today())
    if closed_on and closed_on < follow_up.opened_on:
        errors.add("closed_on", _l("La fermeture ne peut pas précéder l'ouverture du suivi."))
    outcome = _enum(errors, "outcome", FollowUpOutcome, data.get("outcome"))
    errors.raise_if_any()
    follow_up.closed_on = closed_on
    follow_up.outcome = outcome
    audit(user, "update", "retention_follow_up", follow_up.id, "closed")
    db.session.commit()
    return follow_up


def follow_up_file(follow_up_id: int, viewer: User | None = None) -> RetentionFollowUp | None:
    """A follow-up with everything its page shows, in a fixed number of queries. A `viewer`
    is written to the audit log (and committed) before anything is loaded."""
    if viewer is not None:
        if db.session.get(RetentionFollowUp, follow_up_id) is None:
            return None
        audit(viewer, "view", "retention_follow_up", follow_up_id)
        db.session.commit()
    return db.session.scalar(
        select(RetentionFollowUp)
        .where(RetentionFollowUp.id == follow_up_id)
        .options(
            joinedload(RetentionFollowUp.participant),
            joinedload(RetentionFollowUp.employer),
            joinedload(RetentionFollowUp.counsellor),
            joinedload(RetentionFollowUp.subsidy),
            selectinload(RetentionFollowUp.meetings).joinedload(FollowUpMeeting.counsellor),
        )
    )
