"""Referrals (jumelages): a participant proposed for an offer, and where it stands.

Nothing is sent to the employer by the app: "sent" records that the counsellor sent the CV.
A referral is participant data (counsellors write, managers read) and every access is audited.

Statuses follow `TRANSITIONS`:

    proposed  → sent | withdrawn
    sent      → interview | hired | not_retained | withdrawn
    interview → interview (another interview) | hired | not_retained | withdrawn
    hired, not_retained: final
    withdrawn → proposed (proposed again: withdrawn by mistake, or the person is available again)

Each change appends a `ReferralStep` dated on a local day that is neither in the future nor
before the previous step. Proposing (and sending the CV, or proposing again) needs the
participant's active matching consent. Broken rules raise `ReferralError` whose `errors` map
the form's field names to French messages; nothing is written then.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import (
    ConsentScope,
    Offer,
    Participant,
    Referral,
    ReferralStatus,
    ReferralStep,
    Role,
    User,
)
from .activity import (
    UNKNOWN_PARTICIPANT,
    Errors,
    RuleError,
    _check_date,
    _enum,
    _get,
    _text,
)
from .audit import audit
from .clock import local_today
from .participants import active_consent

ENTITY = "referral"
OFFER_LIST_ENTITY = "offer_referrals"
MAX_NOTE = 2_000
MAX_JOB_TITLE = 150  # RetentionFollowUp.job_title

S = ReferralStatus
TRANSITIONS: dict[ReferralStatus, tuple[ReferralStatus, ...]] = {
    S.PROPOSED: (S.SENT, S.WITHDRAWN),
    S.SENT: (S.INTERVIEW, S.HIRED, S.NOT_RETAINED, S.WITHDRAWN),
    S.INTERVIEW: (S.INTERVIEW, S.HIRED, S.NOT_RETAINED, S.WITHDRAWN),
    S.HIRED: (),
    S.NOT_RETAINED: (),
    S.WITHDRAWN: (S.PROPOSED,),
}
# Why a status cannot follow the current one, by current status.
TRANSITION_MESSAGES = {
    S.PROPOSED: _l("Un jumelage proposé passe à « CV envoyé » ou est retiré."),
    S.SENT: _l(
        "Après l'envoi du CV : entrevue, embauche, candidature non retenue ou jumelage retiré."
    ),
    S.INTERVIEW: _l(
        "Après une entrevue : une autre entrevue, embauche, candidature non retenue ou "
        "jumelage retiré."
    ),
    S.HIRED: _l("Ce jumelage est terminé (embauche); son état ne change plus."),
    S.NOT_RETAINED: _l(
        "Ce jumelage est terminé (candidature non retenue); son état ne change plus."
    ),
    S.WITHDRAWN: _l("Un jumelage retiré peut seulement être proposé de nouveau."),
}
UNKNOWN_OFFER = _l("Cette offre n'existe pas.")
OFFER_CLOSED = _l("Cette offre n'est pas publiée ou n'est plus affichée.")
FILE_CLOSED = _l("Le dossier de cette personne est fermé.")
NO_CONSENT = _l(
    "La personne n'a pas consenti au jumelage avec des offres : enregistrez d'abord son "
    "consentement « Jumelage » dans son dossier."
)
BEFORE_PREVIOUS = _l("Cette date ne peut pas précéder celle de l'étape précédente.")
NOTE_TOO_LONG = _l("2 000 caractères au maximum.")
CHANGED_MEANWHILE = _l("Ce jumelage vient d'être modifié par quelqu'un d'autre; vérifiez son état.")


class ReferralError(RuleError):
    """A referral rule is broken (unknown participant or offer, transition, date, consent)."""


# --- reading -------------------------------------------------------------------------------------


def find(participant_id: int, offer_id: int) -> Referral | None:
    """The referral of this pair, if there is one."""
    return db.session.scalar(
        select(Referral).where(
            Referral.participant_id == participant_id, Referral.offer_id == offer_id
        )
    )


def pair(participant_id: Any, offer_id: Any) -> tuple[Participant, Offer]:
    """The participant and the offer named by a form (any value); unknown ones are refused."""
    errors = Errors()
    participant = _get(Participant, participant_id)
    if participant is None:
        errors.add("participant_id", UNKNOWN_PARTICIPANT)
    offer = _get(Offer, offer_id)
    if offer is None:
        errors.add("offer_id", UNKNOWN_OFFER)
    errors.raise_if_any(ReferralError)
    return participant, offer


def referral_file(referral_id: int, viewer: User | None = None) -> Referral | None:
    """A referral with everything its page shows. A `viewer` is written to the audit log (and
    committed) before anything is loaded."""
    if viewer is not None:
        if db.session.get(Referral, referral_id) is None:
            return None
        audit(viewer, "view", ENTITY, referral_id)
        db.session.commit()
    return db.session.scalar(
        select(Referral)
        .where(Referral.id == referral_id)
        .options(
            joinedload(Referral.participant),
            joinedload(Referral.offer).joinedload(Offer.employer),
            joinedload(Referral.counsellor),
            selectinload(Referral.steps).joinedload(ReferralStep.recorded_by),
        )
    )


def referrals_for_participant(participant: Participant) -> list[Referral]:
    """The participant's referrals, most recently changed first, with their offer and employer.

    Shown on the participant's file, whose view is audited: no entry of its own."""
    return list(
        db.session.scalars(
            select(Referral)
            .where(Referral.participant_id == participant.id)
            .options(
                joinedload(Referral.offer).joinedload(Offer.employer),
                selectinload(Referral.steps),
            )
            .order_by(Referral.updated_at.desc(), Referral.id.desc())
        )
    )


def referrals_for_offer(offer: Offer, viewer: User | None = None) -> list[Referral]:
    """The offer's referrals, most recently changed first, with their participant. A `viewer`
    shown some is written to the audit log with the participants' ids (and committed)."""
    referrals = list(
        db.session.scalars(
            select(Referral)
            .where(Referral.offer_id == offer.id)
            .options(joinedload(Referral.participant), selectinload(Referral.steps))
            .order_by(Referral.updated_at.desc(), Referral.id.desc())
        )
    )
    if viewer is not None and referrals:
        ids = ",".join(str(r.participant_id) for r in sorted(referrals, key=_participant_key))
        audit(viewer, "view", OFFER_LIST_ENTITY, offer.id, f"participants: {ids}")
        db.session.commit()
    return referrals


def _participant_key(referral: Referral) -> int:
    return referral.participant_id


def next_statuses(referral: Referral) -> tuple[ReferralStatus, ...]:
    """The statuses the referral may move to now (none once it is closed)."""
    return TRANSITIONS[referral.status]


def hired_on(referral: Referral) -> date | None:
    """The date of the hiring step, if the referral led to one."""
    return next((s.on for s in reversed(referral.steps) if s.status == S.HIRED), None)


def follow_up_prefill(referral_id: Any) -> dict[str, Any] | None:
    """Values for a new maintien en emploi follow-up from a hired referral not yet linked to
    one: participant, employer and job of the offer, hiring date. None otherwise."""
    referral = _get(Referral, referral_id)
    if referral is None or referral.status != S.HIRED or referral.follow_up_id is not None:
        return None
    return {
        "participant_id": referral.participant_id,
        "employer_id": referral.offer.employer_id,
        "job_title": referral.offer.title[:MAX_JOB_TITLE],
        "hired_on": hired_on(referral),
    }


# --- changes -------------------------------------------------------------------------------------


def _note(errors: Errors, note: str | None) -> str | None:
    note = _text(note)
    if note is not None and len(note) > MAX_NOTE:
        errors.add("note", NOTE_TOO_LONG)
    return note


def _check_consent(errors: Errors, field: str, participant: Participant) -> None:
    if not active_consent(participant, ConsentScope.MATCHING):
        errors.add(field, NO_CONSENT)


def propose(
    participant: Participant, offer: Offer, user: User | None, note: str | None = None
) -> Referral:
    """Propose the participant for the offer, first step "proposed" today.

    Idempotent: when the pair already has a referral (a double submit, a retry, two counsellors
    at once), that referral is returned unchanged. A new one needs an open participant file,
    the matching consent and an offer that is shown on the board."""
    existing = find(participant.id, offer.id)
    if existing is not None:
        return existing
    today = local_today()
    errors = Errors()
    if participant.ended_on is not None and participant.ended_on < today:
        errors.add("participant_id", FILE_CLOSED)
    else:
        _check_consent(errors, "participant_id", participant)
    if not offer.is_visible(today):
        errors.add("offer_id", OFFER_CLOSED)
    note = _note(errors, note)
    errors.raise_if_any(ReferralError)

    participant_id, offer_id = participant.id, offer.id
    user_id = user.id if user is not None else None
    is_counsellor = user is not None and user.role == Role.COUNSELLOR
    referral = Referral(
        participant_id=participant_id,
        offer_id=offer_id,
        status=S.PROPOSED,
        counsellor_id=user_id if is_counsellor else None,
    )
    referral.steps.append(
        ReferralStep(status=S.PROPOSED, on=today, note=note, recorded_by_id=user_id)
    )
    db.session.add(referral)
    try:
        db.session.flush()
    except IntegrityError:
        # Someone else created the pair between our look-up and our insert.
        db.session.rollback()
        existing = find(participant_id, offer_id)
        if existing is None:
            raise
        return existing
    audit(user, "create", ENTITY, referral.id, f"participant: {participant_id}; offer: {offer_id}")
    db.session.commit()
    return referral


def advance(
    referral: Referral,
    status: ReferralStatus | str | None,
    on: date | None,
    note: str | None,
    user: User | None,
) -> Referral:
    """Move the referral to `status` on local day `on`, appending a step (see `TRANSITIONS`)."""
    today = local_today()
    errors = Errors()
    current = referral.status
    status = _enum(errors, "status", ReferralStatus, status)
    if status is not None and status not in TRANSITIONS[current]:
        errors.add("status", TRANSITION_MESSAGES[current])
    if status in (S.SENT, S.PROPOSED):
        _check_consent(errors, "status", referral.participant)
    _check_date(errors, "on", on, past_only=True, today=today)
    previous = referral.steps[-1].on if referral.steps else None
    if on is not None and previous is not None and on < previous and "on" not in errors:
        errors.add("on", BEFORE_PREVIOUS)
    note = _note(errors, note)
    errors.raise_if_any(ReferralError)

    # Only from the status the checks saw: a concurrent change makes this a no-op, refused.
    changed = db.session.execute(
        update(Referral)
        .where(Referral.id == referral.id, Referral.status == current)
        .values(status=status)
    ).rowcount
    if not changed:
        db.session.rollback()
        raise ReferralError({"status": CHANGED_MEANWHILE})
    referral.steps.append(
        ReferralStep(
            status=status, on=on, note=note, recorded_by_id=user.id if user is not None else None
        )
    )
    audit(user, "update", ENTITY, referral.id, f"status: {status.value}")
    db.session.commit()
    return referral
